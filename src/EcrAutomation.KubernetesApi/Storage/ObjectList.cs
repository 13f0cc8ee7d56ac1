using System.Text.Json.Nodes;

namespace EcrAutomation.KubernetesApi.Storage;

/// <summary>The result of <see cref="ObjectStore.List"/>: a consistent snapshot of matching objects.</summary>
/// <param name="Items">Copies of the matching objects in namespace/name order; the caller may change them.</param>
/// <param name="ResourceVersion">The store's resourceVersion the snapshot reflects; watch from it to see every later change.</param>
/// <param name="Continue">A token for the next page when <see cref="ObjectListOptions.Limit"/> cut the list, else null.</param>
/// <param name="RemainingItemCount">How many matching objects follow this page, when it was cut.</param>
public sealed record ObjectList(IReadOnlyList<JsonObject> Items, long ResourceVersion, string? Continue, long? RemainingItemCount);
