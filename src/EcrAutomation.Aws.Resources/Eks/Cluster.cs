using System.Collections.Immutable;

namespace EcrAutomation.Aws.Resources.Eks;

/// <summary>
/// An EKS control plane (<c>aws:eks/cluster:Cluster</c>, Pulumi's <c>Aws.Eks.Cluster</c>). <c>up</c> waits until it is
/// ACTIVE, so <see cref="Endpoint"/> and <see cref="CertificateAuthority"/> are usable by dependent resources.
/// </summary>
[ResourceType(ClusterProvider.Type)]
public sealed class Cluster : CustomResource
{
    /// <summary>Declares the cluster; <c>up</c> creates it (auto-named from <paramref name="name"/> unless <see cref="ClusterArgs.Name"/> is set).</summary>
    public Cluster(string name, ClusterArgs args, CustomResourceOptions? options = null)
        : base(ClusterProvider.Type, name, args, options) { }

    /// <summary>The cluster's ARN.</summary>
    [Output("arn")] public Output<string> Arn { get; private set; } = null!;
    /// <summary>
    /// The cluster name (the given or auto-generated one; also the resource id); what <see cref="NodeGroupArgs.ClusterName"/>
    /// takes. Hides the logical name, as in pulumi-aws, whose <c>Cluster.Name</c> is this output.
    /// </summary>
    [Output("name")] public new Output<string> Name { get; private set; } = null!;
    /// <summary>The Kubernetes API server's HTTPS URL.</summary>
    [Output("endpoint")] public Output<string> Endpoint { get; private set; } = null!;
    /// <summary>The cluster's certificate authority: verify <see cref="Endpoint"/> with it.</summary>
    [Output("certificateAuthority")] public Output<ClusterCertificateAuthority> CertificateAuthority { get; private set; } = null!;
    /// <summary>The cluster status (ACTIVE once <c>up</c> has created it).</summary>
    [Output("status")] public Output<string> Status { get; private set; } = null!;
    /// <summary>The Kubernetes minor version the control plane runs, e.g. <c>1.32</c>.</summary>
    [Output("version")] public Output<string> Version { get; private set; } = null!;
    /// <summary>The EKS platform version, e.g. <c>eks.1</c>.</summary>
    [Output("platformVersion")] public Output<string> PlatformVersion { get; private set; } = null!;
    /// <summary>The networking the cluster got, with what EKS chose: its cluster security group and VPC.</summary>
    [Output("vpcConfig")] public Output<ClusterVpcConfig> VpcConfig { get; private set; } = null!;
    /// <summary>The IAM role EKS uses for the control plane.</summary>
    [Output("roleArn")] public Output<string> RoleArn { get; private set; } = null!;
    /// <summary>The tags the cluster has.</summary>
    [Output("tagsAll")] public Output<ImmutableDictionary<string, string>> TagsAll { get; private set; } = null!;
    /// <summary>How the cluster authenticates IAM principals.</summary>
    [Output("accessConfig")] public Output<ClusterAccessConfig> AccessConfig { get; private set; } = null!;
    /// <summary>The cluster's OIDC issuer (<c>identities[0].oidcs[0].issuer</c>), for IAM roles for service accounts.</summary>
    [Output("identities")] public Output<ImmutableArray<ClusterIdentity>> Identities { get; private set; } = null!;
}

/// <summary>Inputs of <see cref="Cluster"/> (pulumi-aws names).</summary>
public sealed class ClusterArgs : ResourceArgs
{
    /// <summary>The cluster name; unset means the resource name plus a random suffix. Changing it replaces the cluster.</summary>
    [Input("name")] public Input<string>? Name { get; set; }
    /// <summary>The IAM role EKS assumes to manage the control plane (trusting <c>eks.amazonaws.com</c>). Changing it replaces the cluster.</summary>
    [Input("roleArn", required: true)] public Input<string>? RoleArn { get; set; }
    /// <summary>Subnets (in at least two availability zones), security groups and endpoint access. Changing it replaces the cluster.</summary>
    [Input("vpcConfig", required: true)] public Input<ClusterVpcConfigArgs>? VpcConfig { get; set; }
    /// <summary>The Kubernetes minor version; unset means EKS's default. Raising it by one minor version upgrades the cluster in place.</summary>
    [Input("version")] public Input<string>? Version { get; set; }
    /// <summary>Tags for the cluster. The local cloud's EKS has no tagging API, so changing them replaces the cluster.</summary>
    [Input("tags")] public InputMap<string>? Tags { get; set; }
    /// <summary>
    /// Whether EKS installs its default networking addons (vpc-cni, kube-proxy, coredns) unmanaged; EKS's default true. Set
    /// false when they come as managed <see cref="Addon"/>s. Changing it replaces the cluster. (The local cloud installs none either way.)
    /// </summary>
    [Input("bootstrapSelfManagedAddons")] public Input<bool>? BootstrapSelfManagedAddons { get; set; }
    /// <summary>How the cluster authenticates IAM principals (access entries and/or the aws-auth ConfigMap). Changing it replaces the cluster.</summary>
    [Input("accessConfig")] public Input<ClusterAccessConfigArgs>? AccessConfig { get; set; }
}

/// <summary>The cluster's authentication settings (<see cref="ClusterArgs.AccessConfig"/>).</summary>
public sealed class ClusterAccessConfigArgs : ResourceArgs
{
    /// <summary><c>CONFIG_MAP</c> (aws-auth only), <c>API_AND_CONFIG_MAP</c> (EKS's default) or <c>API</c> (access entries only).</summary>
    [Input("authenticationMode")] public Input<string>? AuthenticationMode { get; set; }
    /// <summary>Whether the IAM principal that creates the cluster gets an administrator access entry (EKS's default true); only read at create.</summary>
    [Input("bootstrapClusterCreatorAdminPermissions")] public Input<bool>? BootstrapClusterCreatorAdminPermissions { get; set; }
}

/// <summary>The cluster's authentication settings as EKS reports them (<see cref="Cluster.AccessConfig"/>).</summary>
public sealed class ClusterAccessConfig
{
    /// <summary><c>CONFIG_MAP</c>, <c>API_AND_CONFIG_MAP</c> or <c>API</c>.</summary>
    [Output("authenticationMode")] public string? AuthenticationMode { get; init; }
    /// <summary>Whether the creator got an administrator access entry.</summary>
    [Output("bootstrapClusterCreatorAdminPermissions")] public bool? BootstrapClusterCreatorAdminPermissions { get; init; }
}

/// <summary>The cluster's networking (<see cref="ClusterArgs.VpcConfig"/>).</summary>
public sealed class ClusterVpcConfigArgs : ResourceArgs
{
    /// <summary>Subnets for the control plane's network interfaces, in at least two availability zones.</summary>
    [Input("subnetIds", required: true)] public InputList<string>? SubnetIds { get; set; }
    /// <summary>Extra security groups for the control plane's network interfaces (EKS adds its own cluster security group).</summary>
    [Input("securityGroupIds")] public InputList<string>? SecurityGroupIds { get; set; }
    /// <summary>Whether the API server is reachable from the internet (EKS's default: true).</summary>
    [Input("endpointPublicAccess")] public Input<bool>? EndpointPublicAccess { get; set; }
    /// <summary>Whether the API server is reachable from inside the VPC (EKS's default: false).</summary>
    [Input("endpointPrivateAccess")] public Input<bool>? EndpointPrivateAccess { get; set; }
    /// <summary>The CIDR blocks allowed to reach the public endpoint (EKS's default: <c>0.0.0.0/0</c>).</summary>
    [Input("publicAccessCidrs")] public InputList<string>? PublicAccessCidrs { get; set; }
}

/// <summary>A cluster's certificate authority (<see cref="Cluster.CertificateAuthority"/>).</summary>
public sealed class ClusterCertificateAuthority
{
    /// <summary>The base64-encoded PEM certificate that signed the API server's certificate (a kubeconfig's <c>certificate-authority-data</c>).</summary>
    [Output("data")] public string? Data { get; init; }
}

/// <summary>The networking a cluster has (<see cref="Cluster.VpcConfig"/>).</summary>
public sealed class ClusterVpcConfig
{
    /// <summary>The subnets of the control plane's network interfaces.</summary>
    [Output("subnetIds")] public ImmutableArray<string> SubnetIds { get; init; }
    /// <summary>The security groups given at create.</summary>
    [Output("securityGroupIds")] public ImmutableArray<string> SecurityGroupIds { get; init; }
    /// <summary>The security group EKS created for the cluster (control plane and managed nodes).</summary>
    [Output("clusterSecurityGroupId")] public string? ClusterSecurityGroupId { get; init; }
    /// <summary>The VPC of the subnets.</summary>
    [Output("vpcId")] public string? VpcId { get; init; }
    /// <summary>Whether the API server is reachable from the internet.</summary>
    [Output("endpointPublicAccess")] public bool EndpointPublicAccess { get; init; }
    /// <summary>Whether the API server is reachable from inside the VPC.</summary>
    [Output("endpointPrivateAccess")] public bool EndpointPrivateAccess { get; init; }
    /// <summary>The CIDR blocks allowed to reach the public endpoint.</summary>
    [Output("publicAccessCidrs")] public ImmutableArray<string> PublicAccessCidrs { get; init; }
}

/// <summary>An identity provider of a cluster (<see cref="Cluster.Identities"/>).</summary>
public sealed class ClusterIdentity
{
    /// <summary>The cluster's OpenID Connect issuers (one).</summary>
    [Output("oidcs")] public ImmutableArray<ClusterIdentityOidc> Oidcs { get; init; }
}

/// <summary>An OpenID Connect issuer of a cluster.</summary>
public sealed class ClusterIdentityOidc
{
    /// <summary>The issuer URL, e.g. <c>https://oidc.eks.us-east-1.amazonaws.com/id/…</c>.</summary>
    [Output("issuer")] public string? Issuer { get; init; }
}
