using EcrAutomation.Providers;

namespace EcrAutomation.Deployment;

/// <summary>A resource registration as sent from the program to the engine.</summary>
internal sealed record ResourceRegistration(
    Resource Resource,
    string Urn,
    string Type,
    string Name,
    bool Custom,
    string? Parent,
    PropertyMap Inputs,
    IReadOnlyList<string> Dependencies,
    IReadOnlyDictionary<string, IReadOnlyList<string>> PropertyDependencies,
    int Sequence,
    string? Provider = null,
    ReadTarget? Read = null);

/// <summary>
/// A resource the program reads instead of managing: the id to read, null while unknown (in a preview), and whether the
/// id came from other resources of the program (which a preview may not have created yet).
/// </summary>
internal sealed record ReadTarget(string? Id, bool FromResources);
