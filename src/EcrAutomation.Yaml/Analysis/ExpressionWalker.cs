using EcrAutomation.Yaml.Syntax;

namespace EcrAutomation.Yaml.Analysis;

/// <summary>Finds the property accesses and built-in calls inside expressions.</summary>
internal static class ExpressionWalker
{
    public static IEnumerable<PropertyAccess> Accesses(Expr expr) => Descendants(expr).SelectMany(e => e switch
    {
        SymbolExpr s => [s.Access],
        InterpolateExpr i => i.Parts.Select(p => p.Access).OfType<PropertyAccess>(),
        _ => [],
    });

    public static IEnumerable<BuiltinExpr> Builtins(Expr expr) => Descendants(expr).OfType<BuiltinExpr>();

    private static IEnumerable<Expr> Descendants(Expr expr)
    {
        var pending = new Stack<Expr>();
        pending.Push(expr);
        while (pending.Count > 0)
        {
            var current = pending.Pop();
            yield return current;
            switch (current)
            {
                case ListExpr list:
                    for (var i = list.Items.Count - 1; i >= 0; i--) pending.Push(list.Items[i]);
                    break;
                case ObjectExpr obj:
                    for (var i = obj.Entries.Count - 1; i >= 0; i--) pending.Push(obj.Entries[i].Value);
                    break;
                case BuiltinExpr call:
                    pending.Push(call.Arguments);
                    break;
            }
        }
    }
}
