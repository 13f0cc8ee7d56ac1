using System.Text.Json.Nodes;
using EcrAutomation.Testing.Infrastructure;

namespace EcrAutomation.LocalCloud.Tests.Infrastructure;

/// <summary>The two AWS CLIs on the machine: Debian's v2 (/usr/bin/aws) and the preinstalled pip v1.</summary>
public static class AwsCli
{
    public const string V2 = "v2";
    public const string V1 = "v1";

    public static string Path(string version)
    {
        if (version == V2)
        {
            return Tool.Require("/usr/bin/aws", "awscli");
        }

        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries)
                     .Append(System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".pyenv", "shims")))
        {
            var candidate = System.IO.Path.Combine(dir, "aws");
            if (candidate != "/usr/bin/aws" && File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("AWS CLI v1 (pip awscli) is not on PATH; install it with: pip install awscli");
    }

    public static Task<ToolResult> RunAsync(string version, Uri endpoint, params string[] arguments)
        => Tool.RunAsync(Path(version), ["--endpoint-url", endpoint.ToString().TrimEnd('/'), "--output", "json", .. arguments]);

    public static async Task<JsonObject> JsonAsync(string version, Uri endpoint, params string[] arguments)
    {
        var result = (await RunAsync(version, endpoint, arguments)).EnsureSuccess("aws " + string.Join(' ', arguments));
        return (JsonObject)JsonNode.Parse(result.StdOut)!;
    }

    /// <summary>Exit code for a service error: 254 in v2, 255 in v1.</summary>
    public static int ServiceErrorExitCode(string version) => version == V2 ? 254 : 255;
}
