using System.Text;

namespace EcrAutomation.Yaml.Syntax;

/// <summary>The inside of one <c>${...}</c>: a root name (resource, config or variable) and the accessors after it.</summary>
internal sealed record PropertyAccess(string Root, IReadOnlyList<PropertyAccessor> Accessors, SourceSpan Span)
{
    /// <summary>The access as written in a program: <c>res.list[0]["key"]</c>.</summary>
    public override string ToString() => Format(Accessors.Count);

    /// <summary>The root and the first <paramref name="count"/> accessors, for error messages about a prefix.</summary>
    public string Format(int count)
    {
        var text = new StringBuilder(Root);
        foreach (var accessor in Accessors.Take(count)) text.Append(accessor);
        return text.ToString();
    }
}

/// <summary>One step of a property access.</summary>
internal abstract record PropertyAccessor;

/// <summary><c>.name</c>.</summary>
internal sealed record PropertyName(string Name) : PropertyAccessor
{
    /// <inheritdoc/>
    public override string ToString() => "." + Name;
}

/// <summary><c>[0]</c>.</summary>
internal sealed record PropertyIndex(int Index) : PropertyAccessor
{
    /// <inheritdoc/>
    public override string ToString() => $"[{Index}]";
}

/// <summary><c>["key"]</c>.</summary>
internal sealed record PropertyKey(string Key) : PropertyAccessor
{
    /// <inheritdoc/>
    public override string ToString() => $"[\"{Key}\"]";
}
