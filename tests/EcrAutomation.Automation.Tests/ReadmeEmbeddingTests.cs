using EcrAutomation.Automation;
using EcrAutomation.Events;
using EcrAutomation.Testing;

namespace EcrAutomation.Automation.Tests;

public sealed class ReadmeEmbeddingTests : IDisposable
{
    private readonly WorkspaceFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public async Task ReadmeEmbeddingSnippet_Works()
    {
        var program = PulumiFn.Create(() =>
        {
            var id = new Builtins.RandomId("id", new Builtins.RandomIdArgs { ByteLength = 4 });
            var suffix = new Builtins.RandomString("suffix", new Builtins.RandomStringArgs { Length = 6, Special = false, Upper = false });
            return new Dictionary<string, object?> { ["name"] = Output.Format($"sample-{id.Hex}-{suffix.Result}") };
        });
        var stack = await LocalWorkspace.CreateOrSelectStackAsync(new InlineProgramArgs("sample", "dev", program) { StateRoot = Path.Combine(_f.Root, "readme") });
        var events = new List<EngineEvent>();
        var result = await stack.UpAsync(new UpOptions { OnEvent = events.Add });
        ((string)result.Outputs["name"].Value!).ShouldMatch("^sample-[0-9a-f]{8}-[a-z0-9]{6}$");
        events.ShouldNotBeEmpty();
        await stack.DestroyAsync();
    }
}
