namespace EcrAutomation.Yaml.Syntax;

/// <summary>A parsed YAML program (pulumi-yaml's <c>TemplateDecl</c>): its sections in source order, each with spans.</summary>
internal sealed record TemplateDecl(
    string? Name,
    string? Description,
    IReadOnlyList<ConfigParamDecl> Config,
    IReadOnlyList<VariableDecl> Variables,
    IReadOnlyList<ResourceDecl> Resources,
    IReadOnlyList<OutputDecl> Outputs,
    SourceSpan Span);

/// <summary>
/// One entry of <c>config:</c> (or the legacy <c>configuration:</c>, <see cref="Legacy"/>): the raw declaration under the
/// key (a mapping with <c>type</c>/<c>default</c>/<c>secret</c>/<c>value</c>/<c>items</c>, or a plain default value),
/// interpreted by <c>Configuration</c>.
/// </summary>
internal sealed record ConfigParamDecl(StringExpr Key, Expr Declaration, bool Legacy);

/// <summary>One entry of <c>variables:</c>.</summary>
internal sealed record VariableDecl(StringExpr Key, Expr Value);

/// <summary>One entry of <c>outputs:</c>.</summary>
internal sealed record OutputDecl(StringExpr Key, Expr Value);

/// <summary>One entry of <c>resources:</c>.</summary>
/// <param name="Key">The key under <c>resources:</c>, with its span: how expressions refer to the resource.</param>
/// <param name="Type">The type token as written (<c>aws:ecr:Repository</c>); null when missing (an error).</param>
/// <param name="Properties">The inputs; null when there are none.</param>
/// <param name="Options">The resource options mapping (interpreted by <c>Options</c>); null when there are none.</param>
/// <param name="Get">A read of an existing resource instead of properties.</param>
/// <param name="DefaultProvider">For a provider resource: make it the default provider of its package.</param>
/// <param name="Span">The span of the resource's body.</param>
/// <param name="LogicalName">The <c>name:</c> field: the resource's name in the stack when it differs from the key.</param>
internal sealed record ResourceDecl(
    StringExpr Key,
    StringExpr? Type,
    ObjectExpr? Properties,
    ObjectExpr? Options,
    GetResourceDecl? Get,
    Expr? DefaultProvider,
    SourceSpan Span,
    StringExpr? LogicalName = null);

/// <summary><c>get: {id, state}</c> of a resource: read an existing resource by its provider id.</summary>
internal sealed record GetResourceDecl(Expr Id, ObjectExpr? State, SourceSpan Span);
