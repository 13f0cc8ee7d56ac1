using EcrAutomation.Aws.Ecr;
using EcrAutomation.Aws.Resources;
using EcrAutomation.Aws.Resources.Tests;
using EcrAutomation.LocalCloud;
using EcrAutomation.Testing.Infrastructure;

namespace EcrAutomation.Awsx.Tests.Ecs;

/// <summary>
/// A local cloud with moto that runs ECS tasks as containers (root, runc, umoci, network namespaces), for tests of what a
/// deployment does when its tasks really run; images are built from the host's busybox and pushed to its registry.
/// Disposing it checks that no container, namespace or veth is left.
/// </summary>
public sealed class EcsContainersFixture() : LocalCloudWorkspace("ecs-containers", startMoto: true)
{
    public override async Task InitializeAsync()
    {
        RunContainers = true;
        ProviderOptions = new AwsProviderOptions { ServicePollInterval = TimeSpan.FromMilliseconds(500) };
        await base.InitializeAsync();
        Cloud.Containers.ShouldNotBeNull("these tests run containers: run them as root with runc, umoci and ip (scripts/install-prerequisites.sh)");
    }

    /// <summary>Builds busybox httpd serving <paramref name="page"/> on <paramref name="port"/> and pushes it as <c>&lt;repository&gt;:&lt;tag&gt;</c>; returns the image URI.</summary>
    public async Task<string> PushHttpdAsync(string repository, string tag, string page, int port = 8080)
    {
        var built = await BusyboxImage.BuildAsync(Path.Combine(Root, "build-" + Guid.NewGuid().ToString("N")[..8]), $$"""
            COPY www/ /www/
            ENTRYPOINT ["/bin/busybox"]
            CMD ["httpd", "-f", "-v", "-p", "{{port}}", "-h", "/www"]
            """, new Dictionary<string, string> { ["www/index.html"] = page });
        try { await Aws.Ecr.CreateRepositoryAsync(new CreateRepositoryRequest { RepositoryName = repository }); }
        catch (EcrAutomation.Aws.AwsServiceException e) when (e.ErrorCode == "RepositoryAlreadyExistsException") { }
        var image = $"{Cloud.RegistryHost}/{repository}:{tag}";
        (await ExternalTool.RunAsync(ExternalTool.Require("skopeo", "skopeo"),
            ["--insecure-policy", "copy", "--dest-tls-verify=false", "--dest-creds", "AWS:" + Cloud.CreateRegistryPassword(), $"oci:{built.OciLayoutPath}:{built.OciReference}", "docker://" + image]))
            .EnsureSuccess("skopeo copy");
        return image;
    }

    public override async Task DisposeAsync()
    {
        var prefix = Cloud.Containers is null ? null : LocalCloudServer.ContainerNamePrefix(Cloud.DataDirectory);
        await base.DisposeAsync();
        if (prefix is not null) ContainerHygiene.Find(prefix).ShouldBeEmpty("the local cloud's stop leaves no container, namespace or veth");
    }
}
