using System.Collections.Immutable;
using EcrAutomation.Aws;
using EcrAutomation.Aws.Resources;
using EcrAutomation.Aws.Resources.Ec2;
using EcrAutomation.Aws.Resources.Eks;
using EcrAutomation.Aws.Resources.Iam;
using EcrAutomation.Kubernetes.Core.V1;
using EcrAutomation.Kubernetes.Types.Inputs.Core.V1;
using EcrAutomation.Kubernetes.Types.Inputs.Meta.V1;
using AwsEks = EcrAutomation.Aws.Resources.Eks;
using static EcrAutomation.Eks.OutputHelpers;

namespace EcrAutomation.Eks;

/// <summary>
/// <c>eks:index:Cluster</c> (pulumi-eks' <c>eks.Cluster</c>): an EKS cluster ready for workloads, with pulumi-eks' child
/// names and defaults. For a cluster named <c>n</c>: the control plane role <c>n-eksRole</c> (a <see cref="ServiceRole"/>),
/// the security groups <c>n-eksClusterSecurityGroup</c> and <c>n-nodeSecurityGroup</c> with their rules, the control
/// plane <c>n-eksCluster</c> in the default VPC's subnets, the addons <c>n-kube-proxy</c>, <c>n-vpc-cni</c> and
/// <c>n-coredns</c>, the node role <c>n-instanceRole</c> and profile <c>n-instanceProfile</c>, the Kubernetes provider
/// <c>n-eks-k8s</c> (<see cref="Provider"/>), the <c>aws-auth</c> ConfigMap <c>n-nodeAccess</c> and the default node
/// group <c>n</c> of 2 <c>t3.medium</c> nodes.
/// </summary>
/// <remarks>
/// Differences from pulumi-eks (see the project README): the default node group is an EKS managed node group
/// (<c>aws:eks:NodeGroup</c>) rather than a launch template and auto scaling group, so the nodes register with the
/// cluster (also in the local cloud) and use EKS's cluster security group; arguments this component does not support are
/// errors. The kubeconfig is not secret: it holds the endpoint, the CA and the <c>aws eks get-token</c> command, no
/// credentials.
/// </remarks>
[ResourceType(TypeToken)]
public sealed class Cluster : ComponentResource
{
    /// <summary>The component's type token, as pulumi-eks names it.</summary>
    public const string TypeToken = "eks:index:Cluster";

    /// <summary>The instance type of the default node group unless <see cref="ClusterArgs.InstanceType"/> says otherwise (pulumi-eks v3's).</summary>
    public const string DefaultInstanceType = "t3.medium";

    private readonly Output<Kubeconfig> _kubeconfig;

    /// <summary>
    /// Declares the cluster and its children. Argument errors (unsupported arguments, conflicting ones) throw
    /// <see cref="EksArgumentException"/>; the default VPC (when no subnets are given) is looked up with the stack's aws config.
    /// </summary>
    public Cluster(string name, ClusterArgs? args = null, ComponentResourceOptions? options = null)
        : base(TypeToken, name, Validate(args ??= new ClusterArgs(), options)) // before registering: bad arguments leave no trace in state
    {
        var child = new CustomResourceOptions { Parent = this };
        var childComponent = new ComponentResourceOptions { Parent = this };
        var aws = AwsConnections.ForProgram();
        var partition = Output.Create(GetPartition.InvokeAsync(aws)).Apply(p => p.Partition);
        var tags = (Output<ImmutableDictionary<string, string>>)args.Tags;
        var (vpcId, subnetIds) = Network(aws, args);

        // The control plane's role, security group and the cluster itself.
        Output<Role> clusterRole;
        List<Resource> clusterDependencies = [];
        if (args.ServiceRole is { } givenServiceRole) clusterRole = givenServiceRole;
        else
        {
            var eksRole = new ServiceRole($"{name}-eksRole", new ServiceRoleArgs
            {
                Service = "eks.amazonaws.com",
                Description = "Allows EKS to manage clusters on your behalf.",
                ManagedPolicies = [ManagedPolicies.Aws(partition, "AmazonEKSClusterPolicy")],
                AssumeRoleActions = ["sts:AssumeRole", "sts:TagSession"],
                Tags = args.Tags,
            }, childComponent);
            clusterRole = Output.Create(eksRole.Role);
            clusterDependencies.AddRange([eksRole.Role, .. eksRole.Attachments]);
        }

        SecurityGroup? clusterSecurityGroup = null;
        if (args.SkipDefaultSecurityGroups != true)
        {
            clusterSecurityGroup = new SecurityGroup($"{name}-eksClusterSecurityGroup", new SecurityGroupArgs
            {
                VpcId = vpcId,
                RevokeRulesOnDelete = true,
                Tags = Merge(NameTag($"{name}-eksClusterSecurityGroup"), args.ClusterSecurityGroupTags, tags),
            }, child);
            _ = new SecurityGroupRule($"{name}-eksClusterInternetEgressRule", new SecurityGroupRuleArgs
            {
                Description = "Allow internet access.",
                Type = "egress",
                FromPort = 0,
                ToPort = 0,
                Protocol = "-1",
                CidrBlocks = new[] { "0.0.0.0/0" },
                SecurityGroupId = clusterSecurityGroup.Id,
            }, child);
        }

        EksCluster = new AwsEks.Cluster($"{name}-eksCluster", new AwsEks.ClusterArgs
        {
            Name = args.Name,
            RoleArn = clusterRole.Apply(r => r.Arn),
            VpcConfig = new ClusterVpcConfigArgs
            {
                SecurityGroupIds = clusterSecurityGroup is null ? null : new InputList<string> { clusterSecurityGroup.Id },
                SubnetIds = subnetIds,
                EndpointPublicAccess = args.EndpointPublicAccess,
                EndpointPrivateAccess = args.EndpointPrivateAccess,
                PublicAccessCidrs = args.PublicAccessCidrs,
            },
            Version = args.Version,
            BootstrapSelfManagedAddons = true,
            Tags = Merge(NameTag($"{name}-eksCluster"), args.ClusterTags, tags),
        }, new CustomResourceOptions
        {
            Parent = this,
            DependsOn = clusterDependencies,
            // As pulumi-eks: a create-time setting whose change would otherwise replace the cluster.
            IgnoreChanges = ["bootstrapSelfManagedAddons"],
        });

        if (args.KubeProxyAddonOptions?.Enabled != false)
            _ = new Addon($"{name}-kube-proxy", ManagedAddon("kube-proxy", args.KubeProxyAddonOptions, args.Tags), child);

        // The kubeconfigs: the exported one without the profile, the provider's with it (pulumi-eks' two variants).
        var credentials = CredentialOptions(args, options);
        _kubeconfig = Three(
            Three(EksCluster.Name, EksCluster.Endpoint, EksCluster.CertificateAuthority),
            EksCluster.Arn,
            Both(Optional(credentials?.RoleArn), Optional(credentials?.ProfileName))).Apply(t =>
                new Kubeconfig(t.Item1.Item1, t.Item1.Item2, t.Item1.Item3.Data, Eks.Kubeconfig.RegionOf(t.Item2), t.Item3.Item1, t.Item3.Item2));
        Kubeconfig = _kubeconfig.Apply(k => (object)k.ToObject(includeProfile: false));
        KubeconfigJson = _kubeconfig.Apply(k => k.ToJsonText(includeProfile: false));
        Provider = new Kubernetes.Provider($"{name}-eks-k8s", new Kubernetes.ProviderArgs
        {
            KubeConfig = _kubeconfig.Apply(k => k.ToJsonText(includeProfile: true)),
        }, child);

        // The nodes' role and profile, and the aws-auth ConfigMap that lets them (and the given principals) in.
        Output<Role>? defaultInstanceRole = null;
        var skipDefaultNodeGroup = args.SkipDefaultNodeGroup == true;
        if (args.InstanceRole is { } givenInstanceRole) defaultInstanceRole = givenInstanceRole;
        else if (args.CreateInstanceRole ?? !skipDefaultNodeGroup)
        {
            defaultInstanceRole = new ServiceRole($"{name}-instanceRole", new ServiceRoleArgs
            {
                Service = "ec2.amazonaws.com",
                ManagedPolicies =
                [
                    ManagedPolicies.Aws(partition, "AmazonEKSWorkerNodePolicy"),
                    ManagedPolicies.Aws(partition, "AmazonEKS_CNI_Policy"),
                    ManagedPolicies.Aws(partition, "AmazonEC2ContainerRegistryReadOnly"),
                ],
                Tags = args.Tags,
            }, childComponent).ResolvedRole;
        }
        if (defaultInstanceRole is not null && (args.InstanceRole is null || !skipDefaultNodeGroup))
            _ = new InstanceProfile($"{name}-instanceProfile", new InstanceProfileArgs { Role = defaultInstanceRole.Apply(r => r.RoleName) }, child);
        InstanceRoles = defaultInstanceRole is null ? Output.Create(ImmutableArray<Role>.Empty) : defaultInstanceRole.Apply(ImmutableArray.Create);

        var nodeAccessData = new InputMap<string> { ["mapRoles"] = MapRoles(args.RoleMappings, InstanceRoles) };
        if (args.GivenUserMappings is { } userMappings) nodeAccessData["mapUsers"] = MapUsers(userMappings);
        EksNodeAccess = new ConfigMap($"{name}-nodeAccess", new ConfigMapArgs
        {
            Immutable = false,
            Metadata = new ObjectMetaArgs
            {
                Name = "aws-auth",
                Namespace = "kube-system",
                Annotations = { ["pulumi.com/patchForce"] = "true" },
            },
            Data = nodeAccessData,
        }, new CustomResourceOptions { Parent = this, Provider = Provider });

        if (args.UseDefaultVpcCni != true)
            _ = new VpcCniAddon($"{name}-vpc-cni", ManagedAddon("vpc-cni", null, args.Tags), new ComponentResourceOptions { Parent = this, DependsOn = [EksNodeAccess] });

        // The node security group and its rules (pulumi-eks' createNodeGroupSecurityGroup).
        SecurityGroup? nodeSecurityGroup = null;
        SecurityGroupRule? eksClusterIngressRule = null;
        if (clusterSecurityGroup is not null)
            (nodeSecurityGroup, eksClusterIngressRule) = CreateNodeSecurityGroup(name, vpcId, EksCluster.Name, clusterSecurityGroup, Merge(args.NodeSecurityGroupTags, tags), child);

        // The default node group, and coredns, which needs nodes to run on.
        AwsEks.NodeGroup? defaultNodeGroup = null;
        if (!skipDefaultNodeGroup)
        {
            defaultNodeGroup = new AwsEks.NodeGroup(name, new NodeGroupArgs
            {
                ClusterName = EksCluster.Name,
                NodeRoleArn = defaultInstanceRole!.Apply(r => r.Arn),
                SubnetIds = args.NodeSubnetIds ?? args.PrivateSubnetIds ?? subnetIds,
                ScalingConfig = new NodeGroupScalingConfigArgs
                {
                    DesiredSize = args.DesiredCapacity ?? 2,
                    MinSize = args.MinSize ?? 1,
                    MaxSize = args.MaxSize ?? 2,
                },
                InstanceTypes = new InputList<string> { args.InstanceType ?? DefaultInstanceType },
                Version = EksCluster.Version,
                Tags = args.Tags,
            }, new CustomResourceOptions { Parent = this, DependsOn = [EksNodeAccess] });
            if (args.CorednsAddonOptions?.Enabled != false)
                _ = new Addon($"{name}-coredns", ManagedAddon("coredns", args.CorednsAddonOptions, args.Tags), child);
        }
        else if (args.CorednsAddonOptions?.Enabled == true)
            _ = new Addon($"{name}-coredns", ManagedAddon("coredns", args.CorednsAddonOptions, args.Tags), child);

        // Outputs, with pulumi-eks' names and shapes.
        ClusterSecurityGroup = Output.Create(clusterSecurityGroup);
        NodeSecurityGroup = Output.Create(nodeSecurityGroup);
        EksClusterIngressRule = Output.Create(eksClusterIngressRule);
        DefaultNodeGroup = Output.Create(defaultNodeGroup);
        ClusterSecurityGroupId = clusterSecurityGroup?.Id ?? EksCluster.VpcConfig.Apply(v => v.ClusterSecurityGroupId ?? "");
        NodeSecurityGroupId = nodeSecurityGroup?.Id ?? EksCluster.VpcConfig.Apply(v => v.ClusterSecurityGroupId ?? "");
        var publicSubnetIds = Optional(args.PublicSubnetIds);
        var privateSubnetIds = Optional(args.PrivateSubnetIds);
        Core = Three(
            Three(vpcId, subnetIds, Both(publicSubnetIds, privateSubnetIds)),
            Three(EksCluster.Endpoint, Kubeconfig, tags),
            Both(clusterRole, InstanceRoles)).Apply(t => new CoreData
            {
                Cluster = EksCluster,
                ClusterIamRole = t.Item3.Item1,
                ClusterSecurityGroup = clusterSecurityGroup,
                EksNodeAccess = EksNodeAccess,
                Endpoint = t.Item2.Item1,
                InstanceRoles = t.Item3.Item2,
                Kubeconfig = (ImmutableDictionary<string, object?>)t.Item2.Item2,
                Provider = Provider,
                SubnetIds = t.Item1.Item2,
                PublicSubnetIds = t.Item1.Item3.Item1,
                PrivateSubnetIds = t.Item1.Item3.Item2,
                Tags = t.Item2.Item3,
                VpcId = t.Item1.Item1,
            });
        RegisterOutputs(new Dictionary<string, object?>
        {
            ["kubeconfig"] = Kubeconfig,
            ["kubeconfigJson"] = KubeconfigJson,
            ["eksCluster"] = EksCluster,
            ["core"] = Core.Apply(c => c.ToOutputs()),
            ["clusterSecurityGroup"] = clusterSecurityGroup,
            ["nodeSecurityGroup"] = nodeSecurityGroup,
            ["eksClusterIngressRule"] = eksClusterIngressRule,
            ["instanceRoles"] = InstanceRoles,
            ["defaultNodeGroup"] = defaultNodeGroup,
            ["clusterSecurityGroupId"] = ClusterSecurityGroupId,
            ["nodeSecurityGroupId"] = NodeSecurityGroupId,
        });
    }

    /// <summary>
    /// The kubeconfig for kubectl and other clients, as an object (dictionaries, arrays and strings; pulumi-eks'
    /// <c>kubeconfig</c>). Not secret, as in pulumi-eks: it carries the endpoint, the CA and the <c>aws eks get-token</c>
    /// command, which makes a token from the caller's own credentials; no profile, so it works for anyone with access.
    /// </summary>
    public Output<object> Kubeconfig { get; }

    /// <summary>The same kubeconfig as JSON text: write it to a file and point <c>KUBECONFIG</c> at it.</summary>
    public Output<string> KubeconfigJson { get; }

    /// <summary>
    /// The Kubernetes provider for this cluster (<c>n-eks-k8s</c>): pass it as <c>Provider</c> in the options of Kubernetes
    /// resources so they are created in this cluster. Its kubeconfig includes the profile of
    /// <see cref="ClusterArgs.ProviderCredentialOpts"/>.
    /// </summary>
    public Kubernetes.Provider Provider { get; }

    /// <summary>The EKS control plane (<c>aws:eks:Cluster</c>).</summary>
    public AwsEks.Cluster EksCluster { get; }

    /// <summary>The <c>kube-system/aws-auth</c> ConfigMap (<c>n-nodeAccess</c>).</summary>
    public ConfigMap EksNodeAccess { get; }

    /// <summary>The core pieces node groups and other components need (pulumi-eks' <c>core</c>).</summary>
    public Output<CoreData> Core { get; }

    /// <summary>The IAM roles of the nodes (the created <c>n-instanceRole</c>, or <see cref="ClusterArgs.InstanceRole"/>), once their policies are attached.</summary>
    public Output<ImmutableArray<Role>> InstanceRoles { get; }

    /// <summary>The cluster security group, unless <see cref="ClusterArgs.SkipDefaultSecurityGroups"/>.</summary>
    public Output<SecurityGroup?> ClusterSecurityGroup { get; }

    /// <summary>The node security group, unless <see cref="ClusterArgs.SkipDefaultSecurityGroups"/>.</summary>
    public Output<SecurityGroup?> NodeSecurityGroup { get; }

    /// <summary>The rule that lets nodes reach the API server (443 into the cluster security group from the node security group).</summary>
    public Output<SecurityGroupRule?> EksClusterIngressRule { get; }

    /// <summary>The default node group (an EKS managed node group; null with <see cref="ClusterArgs.SkipDefaultNodeGroup"/>).</summary>
    public Output<AwsEks.NodeGroup?> DefaultNodeGroup { get; }

    /// <summary>The cluster security group's id (EKS's own cluster security group with <see cref="ClusterArgs.SkipDefaultSecurityGroups"/>).</summary>
    public Output<string> ClusterSecurityGroupId { get; }

    /// <summary>The node security group's id (EKS's own cluster security group with <see cref="ClusterArgs.SkipDefaultSecurityGroups"/>).</summary>
    public Output<string> NodeSecurityGroupId { get; }

    /// <summary>
    /// A kubeconfig (JSON text) whose <c>aws eks get-token</c> uses the given profile and role (pulumi-eks'
    /// <c>getKubeconfig</c>): for handing the cluster to someone who reaches it through another profile or role.
    /// </summary>
    public Output<string> GetKubeconfig(KubeconfigOptionsArgs? options = null) =>
        Three(_kubeconfig, Optional(options?.RoleArn), Optional(options?.ProfileName))
            .Apply(t => (t.Item1 with { RoleArn = t.Item2, ProfileName = t.Item3 }).ToJsonText(includeProfile: true));

    /// <summary>pulumi-eks' argument checks, and the arguments this component does not support; returns the options.</summary>
    internal static ComponentResourceOptions? Validate(ClusterArgs args, ComponentResourceOptions? options)
    {
        if (args.SubnetIds is not null && (args.PublicSubnetIds is not null || args.PrivateSubnetIds is not null))
            throw new EksArgumentException("subnetIds, and the use of publicSubnetIds and/or privateSubnetIds are mutually exclusive. Choose a single approach.");
        if (options?.Provider is { Package: "aws" } && args.ProviderCredentialOpts is null)
            throw new EksArgumentException("It looks like you're using an explicit AWS provider. Please specify this provider in providerCredentialOpts (the profile or role `aws eks get-token` should use).");
        if (args.AuthenticationMode is { } mode && mode != "CONFIG_MAP")
            throw new EksArgumentException($"authenticationMode '{mode}' is not supported: this component grants access through the aws-auth ConfigMap only (CONFIG_MAP). Remove authenticationMode, or map principals with roleMappings/userMappings.");
        if (args.SkipDefaultNodeGroup != true && args.InstanceRole is null && args.CreateInstanceRole == false)
            throw new EksArgumentException("The default node group needs an instance role: remove createInstanceRole: false, set instanceRole, or set skipDefaultNodeGroup.");
        var unsupported = new (string Name, object? Value, string Why)[]
        {
            ("nodeAmiId", args.NodeAmiId, "the default node group is an EKS managed node group, which runs EKS's AMI for its Kubernetes version"),
            ("nodeUserData", args.NodeUserData, "the default node group is an EKS managed node group without a launch template"),
            ("nodePublicKey", args.NodePublicKey, "the default node group is an EKS managed node group without a launch template"),
            ("nodeRootVolumeSize", args.NodeRootVolumeSize, "the default node group is an EKS managed node group without a launch template"),
            ("nodeAssociatePublicIpAddress", args.NodeAssociatePublicIpAddress, "the default node group is an EKS managed node group without a launch template"),
            ("gpu", args.Gpu, "GPU AMIs are not available"),
            ("fargate", args.Fargate, "Fargate profiles are not available"),
            ("createOidcProvider", args.CreateOidcProvider, "IAM OIDC providers are not available"),
            ("encryptionConfigKeyArn", args.EncryptionConfigKeyArn, "envelope encryption of secrets is not available"),
            ("instanceProfileName", args.InstanceProfileName, "the component creates its own instance profile"),
            ("enabledClusterLogTypes", args.EnabledClusterLogTypes, "control plane logging is not available"),
        };
        if (unsupported.FirstOrDefault(u => u.Value is not null) is { Name: not null } set)
            throw new EksArgumentException($"The eks.Cluster argument '{set.Name}' is not supported by this component ({set.Why}). Remove it; see 'Differences from pulumi-eks' in the EcrAutomation.Eks README.");
        return options;
    }

    /// <summary>The cluster's VPC and subnets: the given ones, else the subnets of the given VPC, else the default VPC's.</summary>
    private static (Output<string> VpcId, Output<ImmutableArray<string>> SubnetIds) Network(AwsConnection aws, ClusterArgs args)
    {
        Output<ImmutableArray<string>>? given = args.SubnetIds is { } subnets ? subnets
            : args.PublicSubnetIds is not null || args.PrivateSubnetIds is not null
                ? Both(Optional(args.PublicSubnetIds), Optional(args.PrivateSubnetIds)).Apply(t => t.Item1.AddRange(t.Item2))
                : null;
        if (given is not null)
        {
            var vpcOfSubnets = args.VpcId is { } id ? (Output<string>)id
                : given.Apply(ids => ids.IsEmpty
                    ? throw new EksArgumentException("The cluster needs subnets: subnetIds (or publicSubnetIds/privateSubnetIds) is empty.")
                    : DefaultVpc.VpcOfSubnetAsync(aws, ids[0]));
            return (vpcOfSubnets, given);
        }
        if (args.VpcId is { } vpcId)
            return (vpcId, ((Output<string>)vpcId).Apply(id => SubnetsOfAsync(aws, id)));
        var vpc = Output.Create(DefaultVpc.GetAsync(aws));
        return (vpc.Apply(v => v.VpcId), vpc.Apply(v => v.PublicSubnetIds.Concat(v.PrivateSubnetIds).Order(StringComparer.Ordinal).ToImmutableArray()));
    }

    private static async Task<ImmutableArray<string>> SubnetsOfAsync(AwsConnection aws, string vpcId) =>
        [.. await DefaultVpc.SubnetIdsAsync(aws, vpcId).ConfigureAwait(false)];

    /// <summary>pulumi-eks' node security group, its four rules and the rule that lets the nodes reach the API server.</summary>
    private static (SecurityGroup, SecurityGroupRule) CreateNodeSecurityGroup(string name, Output<string> vpcId, Output<string> clusterName, SecurityGroup clusterSecurityGroup, Output<ImmutableDictionary<string, string>> tags, CustomResourceOptions child)
    {
        var nodeSecurityGroup = new SecurityGroup($"{name}-nodeSecurityGroup", new SecurityGroupArgs
        {
            VpcId = vpcId,
            RevokeRulesOnDelete = true,
            Tags = Merge(Both(NameTag($"{name}-nodeSecurityGroup"), clusterName).Apply(t => t.Item1.Add($"kubernetes.io/cluster/{t.Item2}", "owned")), tags),
        }, child);
        _ = new SecurityGroupRule($"{name}-eksNodeIngressRule", new SecurityGroupRuleArgs
        {
            Description = "Allow nodes to communicate with each other",
            Type = "ingress", FromPort = 0, ToPort = 0, Protocol = "-1",
            SecurityGroupId = nodeSecurityGroup.Id,
            Self = true,
        }, child);
        _ = new SecurityGroupRule($"{name}-eksNodeClusterIngressRule", new SecurityGroupRuleArgs
        {
            Description = "Allow worker Kubelets and pods to receive communication from the cluster control plane",
            Type = "ingress", FromPort = 1025, ToPort = 65535, Protocol = "tcp",
            SecurityGroupId = nodeSecurityGroup.Id,
            SourceSecurityGroupId = clusterSecurityGroup.Id,
        }, child);
        _ = new SecurityGroupRule($"{name}-eksExtApiServerClusterIngressRule", new SecurityGroupRuleArgs
        {
            Description = "Allow pods running extension API servers on port 443 to receive communication from cluster control plane",
            Type = "ingress", FromPort = 443, ToPort = 443, Protocol = "tcp",
            SecurityGroupId = nodeSecurityGroup.Id,
            SourceSecurityGroupId = clusterSecurityGroup.Id,
        }, child);
        _ = new SecurityGroupRule($"{name}-eksNodeInternetEgressRule", new SecurityGroupRuleArgs
        {
            Description = "Allow internet access.",
            Type = "egress", FromPort = 0, ToPort = 0, Protocol = "-1",
            CidrBlocks = new[] { "0.0.0.0/0" },
            SecurityGroupId = nodeSecurityGroup.Id,
        }, child);
        var eksClusterIngressRule = new SecurityGroupRule($"{name}-eksClusterIngressRule", new SecurityGroupRuleArgs
        {
            Description = "Allow pods to communicate with the cluster API Server",
            Type = "ingress", FromPort = 443, ToPort = 443, Protocol = "tcp",
            SecurityGroupId = clusterSecurityGroup.Id,
            SourceSecurityGroupId = nodeSecurityGroup.Id,
        }, child);
        return (nodeSecurityGroup, eksClusterIngressRule);
    }

    /// <summary>
    /// A managed addon as pulumi-eks installs it: the most recent version for the cluster's Kubernetes version unless one is
    /// given, conflicts resolved by overwriting, the addon's objects kept on the cluster when the resource goes.
    /// </summary>
    private AddonArgs ManagedAddon(string addonName, AddonOptionsArgs? options, InputMap<string>? tags) => new()
    {
        ClusterName = EksCluster.Name,
        AddonName = addonName,
        AddonVersion = options?.Version ?? GetAddonVersion.Invoke(addonName, EksCluster.Version, mostRecent: true).Apply(v => v.Version),
        ResolveConflictsOnCreate = options?.ResolveConflictsOnCreate ?? "OVERWRITE",
        ResolveConflictsOnUpdate = options?.ResolveConflictsOnUpdate ?? "OVERWRITE",
        Preserve = true,
        Tags = tags,
    };

    /// <summary>The credentials the kubeconfig's token command uses: the given ones, else <c>AWS_PROFILE</c>, else <c>aws:profile</c> (as pulumi-eks).</summary>
    private static KubeconfigOptionsArgs? CredentialOptions(ClusterArgs args, ComponentResourceOptions? options) =>
        args.ProviderCredentialOpts
        ?? (Environment.GetEnvironmentVariable("AWS_PROFILE") is { Length: > 0 } envProfile ? new KubeconfigOptionsArgs { ProfileName = envProfile }
            : new Config("aws").Get("profile") is { Length: > 0 } configProfile ? new KubeconfigOptionsArgs { ProfileName = configProfile }
            : null);

    /// <summary>The <c>mapRoles</c> YAML: the given mappings, then one per instance role (pulumi-eks' order).</summary>
    private static Output<string> MapRoles(InputList<RoleMappingArgs>? roleMappings, Output<ImmutableArray<Role>> instanceRoles) =>
        Both(
            Mappings(roleMappings, m => (m.RoleArn, m.Username, m.Groups), "rolearn"),
            instanceRoles.Apply(roles => Output.All(roles.Select(r => (Input<string>)r.Arn)))).Apply(t =>
                AwsAuthMapping.ToYaml([.. t.Item1, .. t.Item2.Select(AwsAuthMapping.ForInstanceRole)]));

    /// <summary>The <c>mapUsers</c> YAML.</summary>
    private static Output<string> MapUsers(InputList<UserMappingArgs> userMappings) =>
        Mappings(userMappings, m => (m.UserArn, m.Username, m.Groups), "userarn").Apply(m => AwsAuthMapping.ToYaml(m));

    private static Output<ImmutableArray<AwsAuthMapping>> Mappings<T>(InputList<T>? items, Func<T, (Input<string> Arn, Input<string> Username, InputList<string> Groups)> parts, string arnKey) =>
        items is null ? Output.Create(ImmutableArray<AwsAuthMapping>.Empty)
            : ((Output<ImmutableArray<T>>)items).Apply(list => Output.All(list.Select(item =>
            {
                var (arn, username, groups) = parts(item);
                return (Input<AwsAuthMapping>)Output.Tuple(arn, username, groups).Apply(t => new AwsAuthMapping(arnKey, t.Item1, t.Item2, t.Item3));
            })));

    private static Output<ImmutableDictionary<string, string>> NameTag(string value) => Output.Create(ImmutableDictionary<string, string>.Empty.Add("Name", value));

    /// <summary>Tag maps merged left to right, later keys winning (pulumi-eks' <c>{Name, ...extraTags, ...tags}</c>).</summary>
    private static Output<ImmutableDictionary<string, string>> Merge(params Input<ImmutableDictionary<string, string>>?[] maps) =>
        Output.All(maps.Where(m => m is not null).Select(m => m!)).Apply(all =>
            all.Aggregate(ImmutableDictionary<string, string>.Empty, (merged, map) => merged.SetItems(map)));

    private static Output<string?> Optional(Input<string>? value) => value is null ? Output.Create<string?>((string?)null) : value.Apply(v => (string?)v);

    private static Output<ImmutableArray<string>> Optional(InputList<string>? value) => value is null ? Output.Create(ImmutableArray<string>.Empty) : value;
}
