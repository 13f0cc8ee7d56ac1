using System.Collections.Concurrent;

namespace EcrAutomation.Schema;

/// <summary>The functions (Pulumi invokes) a host offers, by canonical token; YAML's <c>fn::invoke</c> resolves through it.</summary>
public sealed class FunctionCatalog
{
    private readonly ConcurrentDictionary<string, FunctionInfo> _functions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _tokensIgnoringCase = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Adds <paramref name="function"/>; a function of the same token is replaced.</summary>
    public FunctionCatalog Add(FunctionInfo function)
    {
        ArgumentNullException.ThrowIfNull(function);
        _functions[function.Token] = function;
        _tokensIgnoringCase[function.Token] = function.Token;
        return this;
    }

    /// <summary>Every canonical token the catalog knows.</summary>
    public IReadOnlyCollection<string> Tokens => [.. _functions.Keys.Order(StringComparer.Ordinal)];

    /// <summary>The function with the canonical <paramref name="token"/>.</summary>
    public bool TryGet(string token, out FunctionInfo function) => _functions.TryGetValue(token, out function!);

    /// <summary>
    /// The canonical token a YAML program's <paramref name="yamlToken"/> means (<c>aws:ec2:getVpc</c> is
    /// <c>aws:ec2/getVpc:getVpc</c>, <c>aws:getRegion</c> is <c>aws:index/getRegion:getRegion</c>), matched
    /// case-insensitively; null when no function matches.
    /// </summary>
    public string? Resolve(string yamlToken) => TokenResolution.Resolve(yamlToken, _tokensIgnoringCase);
}
