using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace EcrAutomation.KubernetesApi.Tests;

public sealed class WatchAndValidationTests : IClassFixture<ApiServerFixture>
{
    private readonly ApiServerFixture _cluster;

    public WatchAndValidationTests(ApiServerFixture cluster) => _cluster = cluster;

    [Fact]
    public async Task Deployment_selector_and_service_cluster_ip_are_immutable()
    {
        var manifest = _cluster.WriteFile("immutable.yaml", KubectlTests.DeploymentAndService("immutable"));
        (await _cluster.KubectlAsync($"apply -f {manifest}")).EnsureSuccess("apply");

        var selector = await _cluster.KubectlAsync("patch deploy immutable --type=merge -p {\"spec\":{\"selector\":{\"matchLabels\":{\"app\":\"x\"}},\"template\":{\"metadata\":{\"labels\":{\"app\":\"x\"}}}}}");
        var clusterIp = await _cluster.KubectlAsync("patch svc immutable --type=merge -p {\"spec\":{\"clusterIP\":\"10.100.200.200\",\"clusterIPs\":[\"10.100.200.200\"]}}");

        selector.ExitCode.ShouldNotBe(0);
        selector.StdErr.ShouldContain("spec.selector: Invalid value");
        selector.StdErr.ShouldContain("field is immutable");
        clusterIp.ExitCode.ShouldNotBe(0);
        clusterIp.StdErr.ShouldContain("may not change once set");
    }

    [Fact]
    public async Task A_quiet_watch_with_bookmarks_allowed_gets_bookmarks_with_the_current_resource_version()
    {
        using var client = _cluster.Client();
        var list = await client.CoreV1.ListNamespacedSecretAsync("default");
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        WatchEventType? first = null;
        await foreach (var (type, _) in client.CoreV1.WatchListNamespacedSecretAsync("default", allowWatchBookmarks: true, resourceVersion: list.Metadata.ResourceVersion, cancellationToken: stop.Token))
        {
            first = type;
            break;
        }

        first.ShouldBe(WatchEventType.Bookmark);
    }

    [Fact]
    public async Task After_a_restart_an_old_watch_version_is_410_Gone_and_a_relist_then_watch_sees_new_changes()
    {
        using (var client = _cluster.Client())
        {
            await client.CoreV1.CreateNamespacedServiceAccountAsync(new V1ServiceAccount { Metadata = new V1ObjectMeta { Name = "before-restart" } }, "default");
        }

        var oldVersion = (_cluster.Server.Store.ResourceVersion - 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await _cluster.RestartAsync();
        using var restarted = _cluster.Client();

        var gone = await Should.ThrowAsync<HttpOperationException>(async () =>
        {
            await foreach (var _ in restarted.CoreV1.WatchListNamespacedServiceAccountAsync("default", resourceVersion: oldVersion))
            {
            }
        });
        var relisted = await restarted.CoreV1.ListNamespacedServiceAccountAsync("default");
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var watching = Task.Run(async () =>
        {
            await foreach (var (type, account) in restarted.CoreV1.WatchListNamespacedServiceAccountAsync("default", resourceVersion: relisted.Metadata.ResourceVersion, cancellationToken: stop.Token))
            {
                if (type == WatchEventType.Added)
                {
                    return account.Metadata.Name;
                }
            }

            return null;
        });
        await restarted.CoreV1.CreateNamespacedServiceAccountAsync(new V1ServiceAccount { Metadata = new V1ObjectMeta { Name = "after-restart" } }, "default");

        gone.Response.StatusCode.ShouldBe(HttpStatusCode.Gone);
        gone.Response.Content.ShouldContain("Expired");
        relisted.Items.ShouldContain(a => a.Metadata.Name == "before-restart");
        (await watching).ShouldBe("after-restart");
    }
}
