using System.Text.Json.Nodes;

namespace EcrAutomation.KubernetesApi.Storage;

/// <summary>One change the store committed, delivered to watches in resourceVersion order after it is durable.</summary>
/// <param name="Type">Added, modified or deleted.</param>
/// <param name="Resource">The resource of the object.</param>
/// <param name="Object">
/// The object after the change (for a deletion: its last state, with the deletion's resourceVersion). Shared by every
/// watch that receives the event: treat it as read-only and <c>DeepClone()</c> it before changing it.
/// </param>
/// <param name="ResourceVersion">The store-wide resourceVersion of this change.</param>
public sealed record ObjectEvent(ObjectEventType Type, GroupVersionResource Resource, JsonObject Object, long ResourceVersion);
