using System.Text.Json;

namespace EcrAutomation.Cli.Tests;

/// <summary>The CLI points a local-cloud stack at the local cloud through provider config for the run, not the environment.</summary>
public sealed class LocalCloudConnectionTests() : LocalCloudProgramTest("repository")
{
    [Fact]
    public async Task Up_OnLocalCloud_RecordsTheLocalEndpointAsAwsProviderConfig_WithoutWritingTheStackFile()
    {
        var stackFile = Path.Combine(Cli.ProjectDir, "stacks", "Pulumi.dev.yaml");
        var before = await File.ReadAllTextAsync(stackFile);

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
        inputs.GetProperty("secretKey").ValueKind.ShouldBe(JsonValueKind.Object, "the local secret key is stored as a secret");
        export.Stdout.ShouldNotContain("local-cloud-secret");

        // The file may gain the encryption salt the secret needs; its config stays the user's.
        var after = await File.ReadAllTextAsync(stackFile);
        after.ShouldEndWith(before);
        foreach (var key in new[] { "endpoint", "accessKey", "secretKey", "skip" }) after.ShouldNotContain(key, Case.Sensitive, "the connection is config for the run only");
        (await Cli.RunAsync("destroy", "--stack", "dev", "--yes")).ExitCode.ShouldBe(0);
    }
}
