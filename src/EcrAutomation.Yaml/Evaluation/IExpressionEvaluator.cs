using EcrAutomation.Schema;
using EcrAutomation.Yaml.Syntax;

namespace EcrAutomation.Yaml.Evaluation;

/// <summary>What a built-in function needs from the running program: its arguments evaluated, and the run's facts.</summary>
internal interface IExpressionEvaluator
{
    /// <summary>Evaluates <paramref name="expr"/> to a runtime value (null, string, double, bool, list, map, <c>Output&lt;object?&gt;</c>, resource, asset).</summary>
    ValueTask<object?> EvaluateAsync(Expr expr, CancellationToken ct);

    /// <summary>True during preview: values from resources may be unknown.</summary>
    bool IsDryRun { get; }

    /// <summary>The project folder; relative file paths (<c>fn::readFile</c>, assets) resolve against it.</summary>
    string ProjectDirectory { get; }

    /// <summary>The functions <c>fn::invoke</c> may call.</summary>
    FunctionCatalog Functions { get; }
}
