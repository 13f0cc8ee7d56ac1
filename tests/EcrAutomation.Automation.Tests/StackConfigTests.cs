using EcrAutomation.Testing;

namespace EcrAutomation.Automation.Tests;

public sealed class StackConfigTests : IDisposable
{
    private readonly WorkspaceFixture _f = new();

    public void Dispose() => _f.Dispose();

    private string ConfigFile => Path.Combine(_f.Root, "work", "Pulumi.dev.yaml");

    [Fact]
    public async Task SecretConfig_IsEncryptedInTheFile_AndReadBackAsPlainTextFlaggedSecret()
    {
        var stack = await _f.StackAsync(PulumiFn.Create(() => { }));
        await stack.SetConfigAsync("aws:region", new ConfigValue("us-east-1"));
        await stack.SetConfigAsync("token", new ConfigValue("very-secret-token", IsSecret: true));

        var file = File.ReadAllText(ConfigFile);
        file.ShouldContain("aws:region: us-east-1");
        file.ShouldContain("proj:token:\n    secure: v1:");
        file.ShouldNotContain("very-secret-token");

        (await stack.GetConfigAsync("token")).ShouldBe(new ConfigValue("very-secret-token", true));
        (await stack.GetConfigAsync("aws:region")).ShouldBe(new ConfigValue("us-east-1"));
        (await stack.GetAllConfigAsync()).Keys.Order(StringComparer.Ordinal).ShouldBe(["aws:region", "proj:token"]);
    }

    [Fact]
    public async Task RemoveConfig_DropsTheKey_AndGettingItThenNamesKeyAndStack()
    {
        var stack = await _f.StackAsync(PulumiFn.Create(() => { }));
        await stack.SetConfigAsync("greeting", new ConfigValue("hello"));
        await stack.RemoveConfigAsync("greeting");
        var error = await Should.ThrowAsync<AutomationException>(() => stack.GetConfigAsync("greeting"));
        error.Message.ShouldBe("configuration key 'proj:greeting' not found for stack 'dev'");
    }

    [Fact]
    public async Task ConfigOverrides_ReachTheProgramForOneRun_WithoutBeingWritten()
    {
        string? seen = null;
        var stack = await _f.StackAsync(PulumiFn.Create(() => { seen = new Config().Get("greeting"); }));
        await stack.SetConfigAsync("greeting", new ConfigValue("from-file"));
        await stack.UpAsync(new UpOptions { ConfigOverrides = new Dictionary<string, ConfigValue> { ["greeting"] = new("from-override") } });
        seen.ShouldBe("from-override");
        (await stack.GetConfigAsync("greeting")).Value.ShouldBe("from-file");
        await stack.UpAsync();
        seen.ShouldBe("from-file");
    }
}
