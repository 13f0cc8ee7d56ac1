using EcrAutomation.Providers;

namespace EcrAutomation.State;

/// <summary>One resource in a snapshot: Pulumi's <c>ResourceV3</c> with decoded properties.</summary>
internal sealed record ResourceState
{
    public required string Urn { get; init; }
    public required string Type { get; init; }
    public bool Custom { get; init; }
    /// <summary>True for the old half of a create-before-delete replacement, awaiting deletion.</summary>
    public bool Delete { get; init; }
    /// <summary>True for a resource the program reads (<see cref="ResourceOptions.Id"/>) and does not manage.</summary>
    public bool External { get; init; }
    public string? Id { get; init; }
    public PropertyMap Inputs { get; init; } = PropertyMap.Empty;
    public PropertyMap Outputs { get; init; } = PropertyMap.Empty;
    public string? Parent { get; init; }
    public bool Protect { get; init; }
    public bool RetainOnDelete { get; init; }
    public IReadOnlyList<string> Dependencies { get; init; } = [];
    public IReadOnlyDictionary<string, IReadOnlyList<string>> PropertyDependencies { get; init; } = new Dictionary<string, IReadOnlyList<string>>();
    public IReadOnlyList<string> IgnoreChanges { get; init; } = [];
    public IReadOnlyList<string> ReplaceOnChanges { get; init; } = [];
    public IReadOnlyList<string> AdditionalSecretOutputs { get; init; } = [];
    public CustomTimeouts? CustomTimeouts { get; init; }
    public string? ImportId { get; init; }
    public string? Provider { get; init; }
    public DateTimeOffset? Created { get; init; }
    public DateTimeOffset? Modified { get; init; }

    /// <summary>Equality of everything a user can observe, ignoring timestamps.</summary>
    public bool SameAs(ResourceState other) =>
        Urn == other.Urn && Type == other.Type && Custom == other.Custom && Delete == other.Delete && External == other.External && Id == other.Id &&
        Parent == other.Parent && Protect == other.Protect && RetainOnDelete == other.RetainOnDelete &&
        Inputs.Equals(other.Inputs) && Outputs.Equals(other.Outputs) && Dependencies.SequenceEqual(other.Dependencies) &&
        IgnoreChanges.SequenceEqual(other.IgnoreChanges) && ReplaceOnChanges.SequenceEqual(other.ReplaceOnChanges) &&
        Equals(CustomTimeouts, other.CustomTimeouts) && ImportId == other.ImportId && Provider == other.Provider &&
        PropertyDependencies.Count == other.PropertyDependencies.Count &&
        PropertyDependencies.All(kv => other.PropertyDependencies.TryGetValue(kv.Key, out var v) && v.SequenceEqual(kv.Value));
}
