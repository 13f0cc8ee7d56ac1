using System.Text.Json;

namespace EcrAutomation.Cli.Tests;

/// <summary>The CLI points a local-cloud stack at the local cloud through provider config for the run, not the environment.</summary>
public sealed class LocalCloudConnectionTests() : LocalCloudProgramTest("repository")
{
    [Fact]
    public async Task Up_OnLocalCloud_RecordsTheLocalEndpointAsAwsProviderConfig_WithoutWritingTheStackFileOrNeedingAPassphrase()
    {
        Cli.Environment.Remove("PULUMI_CONFIG_PASSPHRASE");
        Cli.Unset.Add("PULUMI_CONFIG_PASSPHRASE");
        var stackFile = Path.Combine(Cli.ProjectDir, "stacks", "Pulumi.dev.yaml");
        var before = await File.ReadAllBytesAsync(stackFile);

        var up = await Cli.RunAsync("up", "--stack", "dev", "--yes");
        up.ExitCode.ShouldBe(0, up.Stdout + up.Stderr);

        var export = await Cli.RunAsync("stack", "export", "--stack", "dev");
        export.ExitCode.ShouldBe(0, export.Stdout + export.Stderr);
        using var state = JsonDocument.Parse(export.Stdout);
        var provider = state.RootElement.GetProperty("deployment").GetProperty("resources").EnumerateArray()
            .Single(r => r.GetProperty("type").GetString() == "pulumi:providers:aws");
        var inputs = provider.GetProperty("inputs");
        inputs.GetProperty("endpoint").GetString()!.TrimEnd('/').ShouldBe((await EndpointAsync()).TrimEnd('/'));
        inputs.GetProperty("region").GetString().ShouldBe("us-east-1");
        inputs.GetProperty("skipCredentialsValidation").GetString().ShouldBe("true");
        inputs.GetProperty("accessKey").GetString().ShouldBe("AKIDLOCALCLOUD000000", "the local cloud's well-known credentials, not the environment's");

        (await File.ReadAllBytesAsync(stackFile)).ShouldBe(before, "the connection is config for the run only");
        (await Cli.RunAsync("destroy", "--stack", "dev", "--yes")).ExitCode.ShouldBe(0);
    }
}
