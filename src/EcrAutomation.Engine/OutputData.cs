using System.Collections.Immutable;

namespace EcrAutomation;

/// <summary>The resolved state of an output: its value, whether it is known yet, whether it is secret, and the resources it came from.</summary>
internal readonly record struct OutputData<T>(T Value, bool IsKnown, bool IsSecret, ImmutableHashSet<Resource> Resources)
{
    internal static OutputData<T> Unknown(bool isSecret, ImmutableHashSet<Resource> resources) => new(default!, false, isSecret, resources);
}
