using EcrAutomation.Yaml.Syntax;

namespace EcrAutomation.Yaml.Builtins;

/// <summary>What an expression is, in words for messages about literals of the wrong kind ("a list", "a number").</summary>
internal static class ExpressionKinds
{
    public static string Describe(Expr expr) => expr switch
    {
        NullExpr => "null",
        BooleanExpr => "a boolean",
        NumberExpr => "a number",
        StringExpr or InterpolateExpr => "a string",
        ListExpr => "a list",
        ObjectExpr => "an object",
        BuiltinExpr b => $"a call to {b.Name}",
        _ => "an expression",
    };
}
