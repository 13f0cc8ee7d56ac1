using System.Text.RegularExpressions;

namespace EcrAutomation.KubernetesApi.Tests;

/// <summary><c>/metrics</c>: <c>apiserver_request_total</c> by verb, dry run and code, read with <c>kubectl get --raw</c>.</summary>
public sealed class RequestMetricsTests : IAsyncLifetime
{
    private readonly ApiServerFixture _cluster = new();

    public Task InitializeAsync() => _cluster.InitializeAsync();
    public Task DisposeAsync() => _cluster.DisposeAsync();

    private async Task<long> CountAsync(string verb, string dryRun = "")
    {
        var metrics = await _cluster.KubectlAsync("get --raw /metrics");
        metrics.ExitCode.ShouldBe(0, metrics.StdErr);
        return Regex.Matches(metrics.StdOut, $$"""^apiserver_request_total\{code="\d+",dry_run="{{dryRun}}",verb="{{verb}}"\} (\d+)$""", RegexOptions.Multiline)
            .Sum(m => long.Parse(m.Groups[1].Value));
    }

    [Fact]
    public async Task Metrics_CountWritesByVerb_DryRunsApart_ReadsDoNotCountAsWrites()
    {
        var file = _cluster.WriteFile("cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: counted\ndata:\n  a: b\n");
        (await CountAsync("POST")).ShouldBe(0);

        (await _cluster.KubectlAsync($"create -f {file}")).ExitCode.ShouldBe(0);
        (await _cluster.KubectlAsync($"create -f {file} --dry-run=server")).ExitCode.ShouldBe(0);
        (await _cluster.KubectlAsync("get configmap counted")).ExitCode.ShouldBe(0);

        (await CountAsync("POST")).ShouldBe(1);
        (await CountAsync("POST", dryRun: "All")).ShouldBe(1);
        (await CountAsync("GET")).ShouldBeGreaterThan(0);
        (await CountAsync("DELETE")).ShouldBe(0);
    }
}
