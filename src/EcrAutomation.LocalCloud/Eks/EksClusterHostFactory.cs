namespace EcrAutomation.LocalCloud.Eks;

/// <summary>Starts the API server of one cluster (the local cloud binds in its registry as the image source).</summary>
internal delegate Task<EksClusterHost> EksClusterHostFactory(EksClusterHostSettings settings, CancellationToken cancellationToken);
