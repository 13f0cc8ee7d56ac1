using EcrAutomation.Yaml.Syntax;

namespace EcrAutomation.Yaml.Builtins;

/// <summary>
/// One <c>fn::invoke</c>, from its long form (<c>{function, arguments, options, return}</c>) or its short form
/// (<c>fn::aws:ec2:getVpc: {arguments}</c>); parts a malformed call lacks are null (the check reports them).
/// </summary>
internal sealed record InvokeCall(BuiltinExpr Call, StringExpr? Function, ObjectExpr? Arguments, ObjectExpr? Options, StringExpr? Return)
{
    /// <summary>The keys of the long form.</summary>
    public static readonly string[] Keys = ["function", "arguments", "options", "return"];

    public static InvokeCall FromLongForm(BuiltinExpr call)
    {
        var fields = call.Arguments as ObjectExpr;
        Expr? Field(string name) => fields?.Entries.FirstOrDefault(e => string.Equals(e.Key.Value, name, StringComparison.OrdinalIgnoreCase))?.Value;
        return new InvokeCall(call, Field("function") as StringExpr, Field("arguments") as ObjectExpr, Field("options") as ObjectExpr, Field("return") as StringExpr);
    }

    public static InvokeCall FromShortForm(BuiltinExpr call) =>
        new(call, new StringExpr(call.Span, call.Name[4..]), call.Arguments as ObjectExpr, null, null);
}
