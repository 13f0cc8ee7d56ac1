using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using EcrAutomation.Automation;

namespace EcrAutomation.Aws.Resources.Tests.Eks;

/// <summary>
/// The aws:eks resources against the local cloud's EKS (its own clusters, each serving the Kubernetes API over TLS):
/// a cluster with a node group and an addon through create, no-op, in-place updates, refresh and destroy.
/// </summary>
public sealed class EksResourceTests : IAsyncLifetime
{
    private readonly LocalCloudStack _cloud = new();

    public Task InitializeAsync() => _cloud.InitializeAsync();
    public Task DisposeAsync() => _cloud.DisposeAsync();

    private static PulumiFn Program(string version, int desiredSize) => PulumiFn.Create(() =>
    {
        var cluster = new Resources.Eks.Cluster("eks", new Resources.Eks.ClusterArgs
        {
            RoleArn = "arn:aws:iam::123456789012:role/eks-service",
            Version = version,
            VpcConfig = new Resources.Eks.ClusterVpcConfigArgs { SubnetIds = new[] { "subnet-aaaa1111", "subnet-bbbb2222" } },
            Tags = new Dictionary<string, string> { ["team"] = "web" },
        });
        var nodes = new Resources.Eks.NodeGroup("nodes", new Resources.Eks.NodeGroupArgs
        {
            ClusterName = cluster.Name,
            NodeRoleArn = "arn:aws:iam::123456789012:role/eks-nodes",
            SubnetIds = new[] { "subnet-aaaa1111", "subnet-bbbb2222" },
            ScalingConfig = new Resources.Eks.NodeGroupScalingConfigArgs { DesiredSize = desiredSize, MinSize = 1, MaxSize = 4 },
            InstanceTypes = new[] { "t3.medium" },
            Labels = new Dictionary<string, string> { ["role"] = "app" },
        });
        var addon = new Resources.Eks.Addon("vpc-cni", new Resources.Eks.AddonArgs { ClusterName = cluster.Name, AddonName = "vpc-cni" });
        return new Dictionary<string, object?>
        {
            ["name"] = cluster.Name,
            ["endpoint"] = cluster.Endpoint,
            ["ca"] = cluster.CertificateAuthority.Apply(ca => ca.Data),
            ["version"] = cluster.Version,
            ["clusterSecurityGroupId"] = cluster.VpcConfig.Apply(v => v.ClusterSecurityGroupId),
            ["nodeGroupName"] = nodes.NodeGroupName,
            ["desiredSize"] = nodes.ScalingConfig.Apply(s => s.DesiredSize),
            ["addonVersion"] = addon.AddonVersion,
        };
    });

    [Fact(Timeout = 600_000)]
    public async Task ClusterNodeGroupAndAddon_Deploy_NoOp_UpdateScalingAndVersionInPlace_Refresh_Destroy()
    {
        var stack = await _cloud.StackAsync(Program("1.32", 2));
        var first = await stack.UpAsync();
        first.Summary.ResourceChanges![OperationType.Create].ShouldBe(4, "the stack, the cluster, the node group and the addon");
        var name = (string)first.Outputs["name"].Value!;
        name.ShouldStartWith("eks-");
        var nodeGroupName = (string)first.Outputs["nodeGroupName"].Value!;
        nodeGroupName.ShouldStartWith("nodes-");
        ((string)first.Outputs["clusterSecurityGroupId"].Value!).ShouldStartWith("sg-");
        ((string)first.Outputs["addonVersion"].Value!).ShouldNotBeNullOrEmpty();
        var described = (await _cloud.Aws.Eks.DescribeClusterAsync(name)).Cluster!;
        described.Status.ShouldBe("ACTIVE");
        described.Tags!["team"].ShouldBe("web");
        (await _cloud.Aws.Eks.ListNodegroupsAsync(name)).ShouldBe([nodeGroupName]);
        (await _cloud.Aws.Eks.DescribeAddonAsync(name, "vpc-cni")).Addon!.Status.ShouldBe("ACTIVE");

        var endpoint = new Uri((string)first.Outputs["endpoint"].Value!);
        var ca = (string)first.Outputs["ca"].Value!;
        (await HealthzAsync(endpoint, ca)).ShouldBe("ok");
        await Should.ThrowAsync<HttpRequestException>(() => HealthzAsync(endpoint, OtherCertificateAuthority()), "a CA that did not sign the endpoint's certificate is refused");

        var noOp = await stack.UpAsync();
        noOp.Summary.ResourceChanges!.Keys.ShouldBe([OperationType.Same]);

        var scaled = await stack.UpAsync(new UpOptions { Program = Program("1.32", 3) });
        scaled.Summary.ResourceChanges![OperationType.Update].ShouldBe(1);
        scaled.Summary.ResourceChanges.ContainsKey(OperationType.Replace).ShouldBeFalse();
        scaled.Outputs["desiredSize"].Value.ShouldBe(3);
        (await _cloud.Aws.Eks.DescribeNodegroupAsync(name, nodeGroupName)).Nodegroup!.ScalingConfig!.DesiredSize.ShouldBe(3);

        var upgraded = await stack.UpAsync(new UpOptions { Program = Program("1.33", 3) });
        upgraded.Summary.ResourceChanges![OperationType.Update].ShouldBe(1);
        upgraded.Summary.ResourceChanges.ContainsKey(OperationType.Replace).ShouldBeFalse();
        upgraded.Outputs["version"].Value.ShouldBe("1.33");
        var afterUpgrade = (await _cloud.Aws.Eks.DescribeClusterAsync(name)).Cluster!;
        afterUpgrade.Version.ShouldBe("1.33");
        afterUpgrade.Arn.ShouldBe(described.Arn);
        afterUpgrade.Endpoint.ShouldBe(described.Endpoint, "an in-place upgrade keeps the control plane");

        var refresh = await stack.RefreshAsync();
        refresh.Summary.ResourceChanges!.GetValueOrDefault(OperationType.Update).ShouldBe(0, "refresh finds no drift");
        (await stack.PreviewAsync(new PreviewOptions { Program = Program("1.33", 3) })).ChangeSummary.Keys.ShouldBe([OperationType.Same]);

        await stack.DestroyAsync();
        (await _cloud.Aws.Eks.FindClusterAsync(name)).ShouldBeNull();
        var gone = await Should.ThrowAsync<AwsServiceException>(() => _cloud.Aws.Eks.DescribeClusterAsync(name));
        gone.ErrorCode.ShouldBe(Aws.Eks.EksErrorCodes.ResourceNotFound);
    }

    /// <summary>What pulumi-eks sets beyond the basics: access config, no self-managed addons, node version/AMI/taints, addon conflicts/role/tags.</summary>
    private static PulumiFn PulumiEksShaped(string nodeVersion, string taintValue, string addonVersion, string addonRole) => PulumiFn.Create(() =>
    {
        var cluster = new Resources.Eks.Cluster("eks", new Resources.Eks.ClusterArgs
        {
            RoleArn = "arn:aws:iam::123456789012:role/eks-service",
            Version = "1.32",
            VpcConfig = new Resources.Eks.ClusterVpcConfigArgs { SubnetIds = new[] { "subnet-aaaa1111", "subnet-bbbb2222" } },
            BootstrapSelfManagedAddons = false,
            AccessConfig = new Resources.Eks.ClusterAccessConfigArgs { AuthenticationMode = "API_AND_CONFIG_MAP", BootstrapClusterCreatorAdminPermissions = true },
        });
        var nodes = new Resources.Eks.NodeGroup("nodes", new Resources.Eks.NodeGroupArgs
        {
            ClusterName = cluster.Name,
            NodeRoleArn = "arn:aws:iam::123456789012:role/eks-nodes",
            SubnetIds = new[] { "subnet-aaaa1111", "subnet-bbbb2222" },
            ScalingConfig = new Resources.Eks.NodeGroupScalingConfigArgs { DesiredSize = 2, MinSize = 1, MaxSize = 2 },
            Version = nodeVersion,
            AmiType = "AL2023_x86_64_STANDARD",
            Taints = new[] { new Resources.Eks.NodeGroupTaintArgs { Key = "dedicated", Value = taintValue, Effect = "NO_SCHEDULE" } },
        });
        var addon = new Resources.Eks.Addon("coredns", new Resources.Eks.AddonArgs
        {
            ClusterName = cluster.Name,
            AddonName = "coredns",
            AddonVersion = addonVersion,
            ResolveConflictsOnCreate = "OVERWRITE",
            ResolveConflictsOnUpdate = "OVERWRITE",
            ServiceAccountRoleArn = addonRole,
            Tags = new Dictionary<string, string> { ["Name"] = "coredns" },
        });
        return new Dictionary<string, object?>
        {
            ["name"] = cluster.Name,
            ["authenticationMode"] = cluster.AccessConfig.Apply(a => a.AuthenticationMode),
            ["issuer"] = cluster.Identities.Apply(i => i[0].Oidcs[0].Issuer),
            ["nodeGroupName"] = nodes.NodeGroupName,
            ["nodeVersion"] = nodes.Version,
            ["instanceTypes"] = nodes.InstanceTypes,
            ["addonVersion"] = addon.AddonVersion,
            ["addonRole"] = addon.ServiceAccountRoleArn,
        };
    });

    [Fact(Timeout = 600_000)]
    public async Task PulumiEksInputs_AreSent_VersionsTaintsAndAddonRoleUpdateInPlace_RefreshFindsNoDrift()
    {
        var stack = await _cloud.StackAsync(PulumiEksShaped("1.31", "gpu", "v1.11.3-eksbuild.1", "arn:aws:iam::123456789012:role/dns-a"), "pulumi-eks");
        var up = await stack.UpAsync();
        up.Outputs["authenticationMode"].Value.ShouldBe("API_AND_CONFIG_MAP");
        ((string)up.Outputs["issuer"].Value!).ShouldStartWith("https://oidc.eks.us-east-1.amazonaws.com/id/");
        up.Outputs["nodeVersion"].Value.ShouldBe("1.31");
        ((IEnumerable<object>)up.Outputs["instanceTypes"].Value!).ShouldBe(["t3.medium"], "EKS's default instance type is reported");
        var (name, nodeGroupName) = ((string)up.Outputs["name"].Value!, (string)up.Outputs["nodeGroupName"].Value!);
        var nodegroup = (await _cloud.Aws.Eks.DescribeNodegroupAsync(name, nodeGroupName)).Nodegroup!;
        nodegroup.AmiType.ShouldBe("AL2023_x86_64_STANDARD");
        nodegroup.Taints!.ShouldHaveSingleItem().Value.ShouldBe("gpu");
        var addon = (await _cloud.Aws.Eks.DescribeAddonAsync(name, "coredns")).Addon!;
        (addon.AddonVersion, addon.ServiceAccountRoleArn, addon.Tags!["Name"]).ShouldBe(("v1.11.3-eksbuild.1", "arn:aws:iam::123456789012:role/dns-a", "coredns"));
        (await stack.UpAsync()).Summary.ResourceChanges!.Keys.ShouldBe([OperationType.Same]);

        var updated = await stack.UpAsync(new UpOptions { Program = PulumiEksShaped("1.32", "cpu", "v1.11.4-eksbuild.2", "arn:aws:iam::123456789012:role/dns-b") });
        updated.Summary.ResourceChanges![OperationType.Update].ShouldBe(2, "the node group and the addon");
        updated.Summary.ResourceChanges.ShouldNotContainKey(OperationType.Replace);
        updated.Outputs["nodeVersion"].Value.ShouldBe("1.32");
        updated.Outputs["addonVersion"].Value.ShouldBe("v1.11.4-eksbuild.2");
        nodegroup = (await _cloud.Aws.Eks.DescribeNodegroupAsync(name, nodeGroupName)).Nodegroup!;
        (nodegroup.Version, nodegroup.Taints!.Single().Value).ShouldBe(("1.32", "cpu"));
        addon = (await _cloud.Aws.Eks.DescribeAddonAsync(name, "coredns")).Addon!;
        (addon.AddonVersion, addon.ServiceAccountRoleArn).ShouldBe(("v1.11.4-eksbuild.2", "arn:aws:iam::123456789012:role/dns-b"));

        var refresh = await stack.RefreshAsync();
        refresh.Summary.ResourceChanges!.Keys.ShouldBe([OperationType.Same], "refresh finds no drift");
        await stack.DestroyAsync();
        (await _cloud.Aws.Eks.FindClusterAsync(name)).ShouldBeNull();
    }

    [Fact(Timeout = 120_000)]
    public async Task Check_OneSubnetAndBadName_FailAtPreviewWithEksMessages()
    {
        var stack = await _cloud.StackAsync(PulumiFn.Create(() =>
        {
            new Resources.Eks.Cluster("bad", new Resources.Eks.ClusterArgs
            {
                Name = "-bad name",
                RoleArn = "arn:aws:iam::123456789012:role/eks-service",
                VpcConfig = new Resources.Eks.ClusterVpcConfigArgs { SubnetIds = new[] { "subnet-aaaa1111" } },
            });
        }));
        var error = await Should.ThrowAsync<UpdateFailedException>(() => stack.PreviewAsync());
        error.Message.ShouldContain("Subnets specified must be in at least two different AZs");
        error.Message.ShouldContain("Value '-bad name' at 'name' failed to satisfy constraint");
    }

    /// <summary>GET /healthz (anonymous) over HTTPS, trusting only <paramref name="caData"/> (base64 PEM) and checking the host name.</summary>
    private static async Task<string> HealthzAsync(Uri endpoint, string caData)
    {
        using var ca = X509Certificate2.CreateFromPem(Encoding.ASCII.GetString(Convert.FromBase64String(caData)));
        using var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, errors) =>
            {
                if ((errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None || certificate is null) return false;
                using var chain = new X509Chain();
                chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                chain.ChainPolicy.CustomTrustStore.Add(ca);
                return chain.Build(certificate);
            },
        };
        using var http = new HttpClient(handler);
        var response = await http.GetAsync(new Uri(endpoint, "/healthz"));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await response.Content.ReadAsStringAsync();
    }

    private static string OtherCertificateAuthority()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=not-the-cluster-ca", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var cert = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        return Convert.ToBase64String(Encoding.ASCII.GetBytes(cert.ExportCertificatePem()));
    }
}
