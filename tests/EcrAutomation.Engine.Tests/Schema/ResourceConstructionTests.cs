using System.Text.Json;
using EcrAutomation.Automation;
using EcrAutomation.Schema;
using EcrAutomation.Testing;

namespace EcrAutomation.Engine.Tests.Schema;

/// <summary>Constructing resources from YAML runtime values through the catalog, in real deployments, and reading their outputs back.</summary>
public sealed class ResourceConstructionTests : IDisposable
{
    private static readonly ResourceCatalog Catalog = ResourceCatalog.FromAssemblies(typeof(Gadget).Assembly);
    private readonly WorkspaceFixture _f = new();

    public void Dispose() => _f.Dispose();

    private static ResourceTypeInfo Type(string token) => Catalog.TryGet(token, out var info) ? info : throw new InvalidOperationException(token);

    private static Dictionary<string, object?> Map(params (string Key, object? Value)[] entries) => entries.ToDictionary(e => e.Key, e => e.Value);

    private Task<WorkspaceStack> StackAsync(Func<Task<IDictionary<string, object?>>> program) =>
        LocalWorkspace.CreateOrSelectStackAsync(new InlineProgramArgs("proj", "dev", PulumiFn.Create(program))
        {
            StateRoot = Path.Combine(_f.Root, "state"),
            WorkDir = Path.Combine(_f.Root, "work"),
            Providers = SchemaTestRegistry.With(_f.Provider),
            EnvironmentVariables = new Dictionary<string, string?> { ["PULUMI_CONFIG_PASSPHRASE"] = "test-passphrase" },
        });

    private JsonElement Resource(string name) =>
        JsonDocument.Parse(File.ReadAllText(_f.StackFile())).RootElement.GetProperty("checkpoint").GetProperty("latest").GetProperty("resources")
            .EnumerateArray().Single(r => r.GetProperty("urn").GetString()!.EndsWith("::" + name, StringComparison.Ordinal));

    [Fact]
    public async Task ConstructAsync_ConvertsEveryShape_AndOutputsOfOtherResourcesFlowIntoInputs()
    {
        var stack = await StackAsync(async () =>
        {
            var gadget = Type(Gadget.GadgetType);
            var first = await gadget.ConstructAsync("first", Map(("count", 1.0), ("value", "one")), null);
            var second = await gadget.ConstructAsync("second", Map(
                ("value", gadget.ReadOutput(first, "arn")),
                ("count", 3.0),
                ("ratio", 0.5),
                ("tags", Map(("team", "a"), ("from", gadget.ReadOutput(first, "value")))),
                ("zones", new List<object?> { "z1", gadget.ReadOutput(first, "value") }),
                ("settings", Map(("enabled", true), ("limits", Map(("cpu", 2.0))))),
                ("rules", new List<object?> { Map(("enabled", false)) }),
                ("port", "http"),
                ("mode", "very-safe"),
                ("password", "hunter2"),
                ("document", Map(("nested", new List<object?> { 1.0, gadget.ReadOutput(first, "value") })))),
                new CustomResourceOptions { Protect = false });
            return new Dictionary<string, object?>
            {
                ["value"] = gadget.ReadOutput(second, "value"),
                ["count"] = gadget.ReadOutput(second, "count"),
                ["zones"] = gadget.ReadOutput(second, "zones"),
                ["settings"] = gadget.ReadOutput(second, "settings"),
                ["port"] = gadget.ReadOutput(second, "port"),
                ["missing"] = gadget.ReadOutput(second, "nope") ?? "no such output",
            };
        });

        var up = await stack.UpAsync();

        up.Outputs["value"].Value.ShouldBe("arn:test:" + _f.Provider.Existing().Single(n => n.StartsWith("first", StringComparison.Ordinal)));
        up.Outputs["count"].Value.ShouldBe(3.0);
        up.Outputs["zones"].Value.ShouldBe(new List<object?> { "z1", "one" });
        JsonSerializer.Serialize(up.Outputs["settings"].Value).ShouldBe("{\"enabled\":true,\"limits\":{\"cpu\":2}}");
        up.Outputs["port"].Value.ShouldBe("http");
        up.Outputs["missing"].Value.ShouldBe("no such output");
        var inputs = Resource("second").GetProperty("inputs");
        inputs.GetProperty("mode").GetString().ShouldBe("Safe");
        inputs.GetProperty("tags").GetProperty("team").GetString().ShouldBe("a");
        inputs.GetProperty("port").GetString().ShouldBe("http");
        inputs.GetProperty("document").GetRawText().ShouldBe("{\"nested\":[1,\"one\"]}");
        inputs.GetProperty("password").GetProperty("ciphertext").GetString().ShouldNotBeNullOrEmpty("a secret input is encrypted in state");
        (await File.ReadAllTextAsync(_f.StackFile())).ShouldNotContain("hunter2");
    }

    [Fact]
    public async Task ConstructAsync_AComponentWithPlainArgs_AwaitsOutputsThatMustBePlain_AndDependsOnTheirResources()
    {
        var stack = await StackAsync(async () =>
        {
            var source = await Type(Gadget.GadgetType).ConstructAsync("source", Map(("count", 1.0), ("value", "shop")), null);
            var kitType = Type(Kit.KitType);
            var kit = (Kit)await kitType.ConstructAsync("kit", Map(
                ("label", Type(Gadget.GadgetType).ReadOutput(source, "value")),
                ("rules", new List<object?> { Map(("name", "a"), ("priority", 2.0)), Map(("name", "b")) }),
                ("skip", true)), null);
            kit.Label.ShouldBe("shop");
            kit.RuleNames.ShouldBe(["a:2", "b:"]);
            kitType.ReadOutput(kit, "gadget").ShouldBeSameAs(kit.Gadget);
            return new Dictionary<string, object?> { ["url"] = kitType.ReadOutput(kit, "url") };
        });

        var up = await stack.UpAsync();

        up.Outputs["url"].Value.ShouldBe("https://shop");
        Resource("kit").GetProperty("dependencies").EnumerateArray().Select(d => d.GetString()).ShouldContain(
            "urn:pulumi:dev::proj::test:index/gadget:Gadget::source", "the awaited label came from 'source', so the kit depends on it");
    }

    [Fact]
    public async Task ConstructAsync_AnUnknownOutputWhereAPlainValueIsNeeded_FailsInPreview_NamingTheProperty()
    {
        InputConversionException? error = null;
        var stack = await StackAsync(async () =>
        {
            var source = await Type(Gadget.GadgetType).ConstructAsync("source", Map(("count", 1.0)), null);
            error = await Should.ThrowAsync<InputConversionException>(() => Type(Kit.KitType).ConstructAsync("kit", Map(("label", Type(Gadget.GadgetType).ReadOutput(source, "arn"))), null));
            return new Dictionary<string, object?>();
        });

        await stack.PreviewAsync();

        error!.Property.ShouldBe("label");
        error.Message.ShouldStartWith("test:index:Kit 'kit': property label is unknown during preview");
    }

    [Fact]
    public async Task ConstructAsync_BadInputs_NameThePropertyAndWhatIsExpected()
    {
        var errors = new List<InputConversionException>();
        var stack = await StackAsync(async () =>
        {
            var gadget = Type(Gadget.GadgetType);
            foreach (var inputs in new[]
            {
                Map(("count", 1.0), ("colour", "red")),
                Map(("count", "many")),
                Map(("count", 1.5)),
                Map(("count", 1.0), ("zones", "z1")),
                Map(("count", 1.0), ("settings", Map(("enabled", true), ("limit", 1.0)))),
                Map(("count", 1.0), ("rules", new List<object?> { Map(("enabled", new List<object?>())) })),
                Map(("count", 1.0), ("mode", "slow")),
            })
            {
                errors.Add(await Should.ThrowAsync<InputConversionException>(() => gadget.ConstructAsync("bad", inputs, null)));
            }
            return new Dictionary<string, object?>();
        });

        await stack.PreviewAsync();

        errors.Select(e => e.Property).ShouldBe(["colour", "count", "count", "zones", "settings.limit", "rules[0].enabled", "mode"]);
        errors[0].Message.ShouldBe("test:index/gadget:Gadget 'bad': Property colour does not exist on 'test:index/gadget:Gadget'; existing properties are: count, document, mode, password, port, ratio, rules, settings, tags, value, zones");
        errors[1].Message.ShouldEndWith("property count: expected integer, got the string \"many\"");
        errors[2].Message.ShouldEndWith("property count: expected a whole number, got the number 1.5");
        errors[3].Message.ShouldEndWith("property zones: expected List<string>, got the string \"z1\"");
        errors[4].Message.ShouldContain("Property limit does not exist on 'test:index:GadgetSettings'; existing properties are: enabled, limits");
        errors[5].Message.ShouldEndWith("property rules[0].enabled: expected boolean, got a list");
        errors[6].Message.ShouldEndWith("property mode: expected one of Fast, very-safe, got the string \"slow\"");
    }
}
