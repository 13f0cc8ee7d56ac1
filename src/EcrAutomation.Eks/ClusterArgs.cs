namespace EcrAutomation.Eks;

/// <summary>
/// Inputs of <see cref="Cluster"/>: the commonly used part of pulumi-eks' <c>ClusterArgs</c>, with its names and defaults.
/// Arguments of pulumi-eks that this component does not support are listed at the end; setting one fails the program
/// with a message naming it (see the project README, "Differences from pulumi-eks").
/// </summary>
public sealed class ClusterArgs
{
    private InputMap<string>? _tags;
    private InputMap<string>? _clusterTags;
    private InputMap<string>? _clusterSecurityGroupTags;
    private InputMap<string>? _nodeSecurityGroupTags;
    private InputList<RoleMappingArgs>? _roleMappings;
    private InputList<UserMappingArgs>? _userMappings;

    /// <summary>The EKS cluster name; unset means <c>&lt;name&gt;-eksCluster-&lt;7 hex&gt;</c>. Changing it replaces the cluster.</summary>
    public Input<string>? Name { get; init; }

    /// <summary>The Kubernetes minor version, e.g. <c>1.32</c>; unset means EKS's default. One minor version up upgrades in place.</summary>
    public Input<string>? Version { get; init; }

    /// <summary>The VPC for the security groups; unset means the VPC of the first given subnet, or the region's default VPC.</summary>
    public Input<string>? VpcId { get; init; }

    /// <summary>The cluster's subnets (at least two availability zones); unset means every subnet of <see cref="VpcId"/> or of the default VPC. Not with <see cref="PublicSubnetIds"/>/<see cref="PrivateSubnetIds"/>.</summary>
    public InputList<string>? SubnetIds { get; init; }

    /// <summary>Public subnets of the cluster (with <see cref="PrivateSubnetIds"/> instead of <see cref="SubnetIds"/>).</summary>
    public InputList<string>? PublicSubnetIds { get; init; }

    /// <summary>Private subnets of the cluster; the default node group runs in them when given.</summary>
    public InputList<string>? PrivateSubnetIds { get; init; }

    /// <summary>Subnets for the default node group; unset means <see cref="PrivateSubnetIds"/> when given, else the cluster's subnets.</summary>
    public InputList<string>? NodeSubnetIds { get; init; }

    /// <summary>The default node group's instance type (default <c>t3.medium</c>).</summary>
    public Input<string>? InstanceType { get; init; }

    /// <summary>The default node group's node count (default 2).</summary>
    public Input<int>? DesiredCapacity { get; init; }

    /// <summary>The fewest nodes of the default node group (default 1).</summary>
    public Input<int>? MinSize { get; init; }

    /// <summary>The most nodes of the default node group (default 2).</summary>
    public Input<int>? MaxSize { get; init; }

    /// <summary>Create no default node group (and, unless <see cref="CreateInstanceRole"/>, no instance role).</summary>
    public bool? SkipDefaultNodeGroup { get; init; }

    /// <summary>Create the instance role and profile even with <see cref="SkipDefaultNodeGroup"/> (for node groups you add).</summary>
    public bool? CreateInstanceRole { get; init; }

    /// <summary>Create neither the cluster nor the node security group (and their rules); EKS's own cluster security group is then both ids.</summary>
    public bool? SkipDefaultSecurityGroups { get; init; }

    /// <summary>An existing IAM role for the control plane instead of <c>&lt;name&gt;-eksRole</c>.</summary>
    public Input<Aws.Resources.Iam.Role>? ServiceRole { get; init; }

    /// <summary>An existing IAM role for the nodes instead of <c>&lt;name&gt;-instanceRole</c> (it needs the EKS worker, CNI and ECR read policies).</summary>
    public Input<Aws.Resources.Iam.Role>? InstanceRole { get; init; }

    /// <summary>Tags for every AWS resource the component makes.</summary>
    public InputMap<string> Tags { get => _tags ??= []; init => _tags = value; }

    /// <summary>Extra tags for the EKS cluster.</summary>
    public InputMap<string> ClusterTags { get => _clusterTags ??= []; init => _clusterTags = value; }

    /// <summary>Extra tags for the cluster security group.</summary>
    public InputMap<string> ClusterSecurityGroupTags { get => _clusterSecurityGroupTags ??= []; init => _clusterSecurityGroupTags = value; }

    /// <summary>Extra tags for the node security group.</summary>
    public InputMap<string> NodeSecurityGroupTags { get => _nodeSecurityGroupTags ??= []; init => _nodeSecurityGroupTags = value; }

    /// <summary>IAM roles to map to Kubernetes users and groups in <c>aws-auth</c> (besides the instance roles).</summary>
    public InputList<RoleMappingArgs> RoleMappings { get => _roleMappings ??= []; init => _roleMappings = value; }

    /// <summary>IAM users to map to Kubernetes users and groups in <c>aws-auth</c>.</summary>
    public InputList<UserMappingArgs> UserMappings { get => _userMappings ??= []; init => _userMappings = value; }

    /// <summary>Whether the API server is reachable from the internet (EKS's default: true).</summary>
    public Input<bool>? EndpointPublicAccess { get; init; }

    /// <summary>Whether the API server is reachable from inside the VPC (EKS's default: false).</summary>
    public Input<bool>? EndpointPrivateAccess { get; init; }

    /// <summary>The CIDR blocks allowed to reach the public endpoint; only with public access.</summary>
    public InputList<string>? PublicAccessCidrs { get; init; }

    /// <summary>
    /// The AWS profile or role the kubeconfigs' <c>aws eks get-token</c> uses. Unset means the <c>AWS_PROFILE</c>
    /// environment variable, then the stack config <c>aws:profile</c>, when set (as pulumi-eks).
    /// </summary>
    public KubeconfigOptionsArgs? ProviderCredentialOpts { get; init; }

    /// <summary>The <c>kube-proxy</c> addon (installed by default).</summary>
    public AddonOptionsArgs? KubeProxyAddonOptions { get; init; }

    /// <summary>The <c>coredns</c> addon (installed by default with the default node group).</summary>
    public AddonOptionsArgs? CorednsAddonOptions { get; init; }

    /// <summary>True: install no <c>vpc-cni</c> addon (the cluster keeps the CNI EKS bootstraps).</summary>
    public bool? UseDefaultVpcCni { get; init; }

    /// <summary>How IAM principals are authenticated; only <c>CONFIG_MAP</c> (the default: the <c>aws-auth</c> ConfigMap) is supported.</summary>
    public string? AuthenticationMode { get; init; }

    /// <summary>Not supported: managed node groups use EKS's AMI for the node group's Kubernetes version. Setting it is an error.</summary>
    public Input<string>? NodeAmiId { get; init; }

    /// <summary>Not supported (no launch template). Setting it is an error.</summary>
    public Input<string>? NodeUserData { get; init; }

    /// <summary>Not supported (no launch template). Setting it is an error.</summary>
    public Input<string>? NodePublicKey { get; init; }

    /// <summary>Not supported (no launch template; EKS's default disk). Setting it is an error.</summary>
    public Input<int>? NodeRootVolumeSize { get; init; }

    /// <summary>Not supported (no launch template). Setting it is an error.</summary>
    public bool? NodeAssociatePublicIpAddress { get; init; }

    /// <summary>Not supported (no GPU AMIs). Setting it is an error.</summary>
    public Input<bool>? Gpu { get; init; }

    /// <summary>Not supported (no Fargate profiles). Setting it is an error.</summary>
    public Input<bool>? Fargate { get; init; }

    /// <summary>Not supported (no IAM OIDC provider). Setting it is an error.</summary>
    public Input<bool>? CreateOidcProvider { get; init; }

    /// <summary>Not supported (no envelope encryption of secrets). Setting it is an error.</summary>
    public Input<string>? EncryptionConfigKeyArn { get; init; }

    /// <summary>Not supported (the component creates its own instance profile). Setting it is an error.</summary>
    public Input<string>? InstanceProfileName { get; init; }

    /// <summary>Not supported (no CloudWatch control plane logging). Setting it is an error.</summary>
    public InputList<string>? EnabledClusterLogTypes { get; init; }

    /// <summary>The user mappings when any were given (pulumi-eks writes <c>mapUsers</c> only then).</summary>
    internal InputList<UserMappingArgs>? GivenUserMappings => _userMappings;
}
