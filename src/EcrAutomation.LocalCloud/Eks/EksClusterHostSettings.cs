namespace EcrAutomation.LocalCloud.Eks;

/// <summary>What a cluster's API server needs to start: its Kubernetes version, its folder, the port it had (0 for any), and its CA.</summary>
internal sealed record EksClusterHostSettings(string Version, string Directory, int PreferredPort, ClusterCertificateAuthority Authority);
