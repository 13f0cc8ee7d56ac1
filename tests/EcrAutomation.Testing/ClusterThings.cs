using EcrAutomation.Automation;

namespace EcrAutomation.Testing;

/// <summary>A program of <see cref="ClusterCloudProvider"/> things deployed through one explicit provider.</summary>
public static class ClusterThings
{
    public const int Count = 3;

    /// <summary>The provider <paramref name="provider"/> naming <paramref name="cluster"/> and things <c>app-0</c>.. using it, one depending on the previous.</summary>
    public static PulumiFn Program(string cluster, string? @namespace = null, string provider = "k8s") => PulumiFn.Create(() =>
    {
        var k8s = new ClusterProvider(provider, new ClusterProviderArgs { Cluster = cluster, Namespace = @namespace is null ? null : (Input<string>)@namespace });
        Thing? previous = null;
        for (var i = 0; i < Count; i++)
            previous = new Thing($"app-{i}", new ThingArgs { Value = "v" }, new CustomResourceOptions { Provider = k8s, DependsOn = previous is null ? [] : [previous] });
    });
}
