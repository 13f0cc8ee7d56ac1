namespace EcrAutomation.LocalCloud.Eks;

/// <summary>One EKS cluster of a running local cloud, as <c>local status</c> lists it.</summary>
/// <param name="Name">The cluster name.</param>
/// <param name="Status">Its EKS status (ACTIVE, CREATING, ...).</param>
/// <param name="Version">Its Kubernetes minor version.</param>
/// <param name="Endpoint">Its API server, <c>https://127.0.0.1:&lt;port&gt;</c>.</param>
public sealed record EksClusterSummary(string Name, string Status, string Version, string Endpoint);
