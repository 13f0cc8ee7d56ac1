namespace EcrAutomation.Kubernetes.Generator;

/// <summary>The namespace a generated file declares and the <c>using</c>s the types it names need.</summary>
internal sealed class SourceScope(string @namespace)
{
    /// <summary>System namespaces first, then ordinal: the order the repository's code uses.</summary>
    private readonly SortedSet<string> _usings = new(Comparer<string>.Create((a, b) =>
        IsSystem(a) != IsSystem(b) ? (IsSystem(a) ? -1 : 1) : string.CompareOrdinal(a, b)));

    public string Namespace { get; } = @namespace;

    public IEnumerable<string> Usings => _usings;

    private static bool IsSystem(string ns) => ns == "System" || ns.StartsWith("System.", StringComparison.Ordinal);

    /// <summary>Names a type of namespace <paramref name="typeNamespace"/>, importing it when it is not the file's own.</summary>
    public string Use(string typeNamespace, string name)
    {
        if (typeNamespace != Namespace && !Namespace.StartsWith(typeNamespace + ".", StringComparison.Ordinal)) _usings.Add(typeNamespace);
        return name;
    }
}
