using EcrAutomation.Yaml.Syntax;

namespace EcrAutomation.Yaml.Analysis;

/// <summary>What a named entry of a template is; also the word pulumi-yaml's messages use for it.</summary>
internal enum TemplateNodeKind
{
    Config,
    Variable,
    Resource,
}

/// <summary>A named entry of a template (config, variable or resource) and the expressions it depends through.</summary>
internal sealed record TemplateNode(string Name, TemplateNodeKind Kind, StringExpr Key, IReadOnlyList<Expr> Expressions)
{
    public ConfigParamDecl? Config { get; init; }
    public VariableDecl? Variable { get; init; }
    public ResourceDecl? Resource { get; init; }

    /// <summary><c>config</c>, <c>variable</c>, <c>resource</c>.</summary>
    public string KindWord => Kind.ToString().ToLowerInvariant();
}
