using System.Collections.Immutable;
using System.Text.Json;
using EcrAutomation.Automation;
using EcrAutomation.Builtins;
using EcrAutomation.Testing;

namespace EcrAutomation.Engine.Tests;

/// <summary>InputMap built from a whole-dictionary output (as components pass merged tag maps) and from entries, alone and together.</summary>
public sealed class InputMapTests : IDisposable
{
    private readonly WorkspaceFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public async Task MapFromAWholeDictionaryOutput_AndAddedEntries_AreSentAsOneMap()
    {
        var stack = await _f.StackAsync(PulumiFn.Create(() =>
        {
            var merged = Output.Create(ImmutableDictionary<string, string>.Empty.Add("team", "web")).Apply(t => t.Add("Name", "n"));
            InputMap<string> keepers = merged;
            keepers.Add("extra", Output.Create("x"));
            _ = new RandomId("whole", new RandomIdArgs { ByteLength = 4, Keepers = merged });
            _ = new RandomId("mixed", new RandomIdArgs { ByteLength = 4, Keepers = keepers });
        }));
        await stack.UpAsync();

        using var state = JsonDocument.Parse((await stack.ExportStackAsync()).Json);
        var keepersOf = state.RootElement.GetProperty("deployment").GetProperty("resources").EnumerateArray()
            .Where(r => r.GetProperty("type").GetString() == "random:index/randomId:RandomId")
            .ToDictionary(r => Urns.Name(r.GetProperty("urn").GetString()!), r => r.GetProperty("inputs").GetProperty("keepers").GetRawText());
        JsonSerializer.Deserialize<Dictionary<string, string>>(keepersOf["whole"])!.ShouldBe(new Dictionary<string, string> { ["team"] = "web", ["Name"] = "n" }, ignoreOrder: true);
        JsonSerializer.Deserialize<Dictionary<string, string>>(keepersOf["mixed"])!.ShouldBe(new Dictionary<string, string> { ["team"] = "web", ["Name"] = "n", ["extra"] = "x" }, ignoreOrder: true);
    }
}
