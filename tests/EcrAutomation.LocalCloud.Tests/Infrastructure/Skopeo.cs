using EcrAutomation.Testing.Infrastructure;

namespace EcrAutomation.LocalCloud.Tests.Infrastructure;

/// <summary>Runs skopeo against plain-HTTP loopback registries with an isolated auth file.</summary>
public static class Skopeo
{
    private static readonly string AuthFile = Path.Combine(Path.GetTempPath(), $"skopeo-auth-{Environment.ProcessId}.json");

    public static Task<ToolResult> RunAsync(params string[] arguments)
        => Tool.RunAsync(
            Tool.Require("skopeo", "skopeo"),
            ["--insecure-policy", .. arguments],
            environment: new Dictionary<string, string> { ["REGISTRY_AUTH_FILE"] = AuthFile });
}
