using System.Text.Json.Nodes;
using EcrAutomation.KubernetesApi.Storage;

namespace EcrAutomation.KubernetesApi.Http;

/// <summary>What the API knows about one served resource: its names for discovery and the columns <c>kubectl get</c> prints.</summary>
internal sealed record ResourceDefinition(
    GroupVersionResource Resource,
    string Kind,
    string Singular,
    bool Namespaced,
    string[] ShortNames,
    bool HasStatus,
    bool HasScale,
    IReadOnlyList<TableColumn> Columns)
{
    public static readonly string[] Verbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

    public string Group => Resource.Group;

    public string Version => Resource.Version;

    public string Plural => Resource.Resource;

    public string ApiVersion => Resource.ApiVersion;

    public string[] Categories => Plural is "pods" or "services" or "deployments" or "replicasets" ? ["all"] : [];
}

/// <summary>One column of a <c>meta.k8s.io/v1 Table</c>; priority 1 columns show only with <c>-o wide</c>.</summary>
internal sealed record TableColumn(string Name, string Type, int Priority, Func<JsonObject, DateTimeOffset, object?> Cell, string Format = "");
