using System.Text.Json.Nodes;

namespace EcrAutomation.KubernetesApi.Storage;

/// <summary>The outcome of <see cref="ObjectStore.DeleteAsync"/>.</summary>
/// <param name="Object">The object as it was removed, or as it now is while finalizers hold it.</param>
/// <param name="Removed">True when the object is gone from the store; false when it is only marked for deletion.</param>
public sealed record ObjectDeletion(JsonObject Object, bool Removed);
