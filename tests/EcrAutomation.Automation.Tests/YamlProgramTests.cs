using EcrAutomation.Events;
using EcrAutomation.Testing;
using EcrAutomation.Yaml;

namespace EcrAutomation.Automation.Tests;

/// <summary>Pulumi YAML programs through the Automation API: inline from a string, and a workspace over a YAML project folder.</summary>
public sealed class YamlProgramTests : IDisposable
{
    private const string RandomProgram = """
        resources:
          id:
            type: random:RandomId
            properties:
              byteLength: 4
          suffix:
            type: random:RandomString
            properties:
              length: 6
              special: false
              upper: false
        outputs:
          name: sample-${id.hex}-${suffix.result}
        """;

    private readonly WorkspaceFixture _f = new();

    public void Dispose() => _f.Dispose();

    private Dictionary<string, string?> Passphrase => new() { ["PULUMI_CONFIG_PASSPHRASE"] = "test-passphrase" };

    [Fact]
    public async Task ReadmeInlineYamlSnippet_DeploysItsResources_AndASecondUpChangesNothing()
    {
        var program = PulumiFn.FromYaml(RandomProgram);
        var stack = await LocalWorkspace.CreateOrSelectStackAsync(new InlineProgramArgs("sample-yaml", "dev", program)
        {
            StateRoot = Path.Combine(_f.Root, "state"),
            EnvironmentVariables = Passphrase,
        });
        var events = new List<EngineEvent>();
        var result = await stack.UpAsync(new UpOptions { OnEvent = events.Add });

        ((string)result.Outputs["name"].Value!).ShouldMatch("^sample-[0-9a-f]{8}-[a-z0-9]{6}$");
        result.Summary.ResourceChanges![OperationType.Create].ShouldBe(3);
        events.OfType<ResourceOutputsEvent>().Select(e => e.Metadata.Urn).ShouldBe([
            "urn:pulumi:dev::sample-yaml::pulumi:pulumi:Stack::sample-yaml-dev",
            "urn:pulumi:dev::sample-yaml::random:index/randomId:RandomId::id",
            "urn:pulumi:dev::sample-yaml::random:index/randomString:RandomString::suffix",
        ], ignoreOrder: true);

        var again = await stack.UpAsync();
        again.Summary.ResourceChanges![OperationType.Same].ShouldBe(3);
        again.Summary.ResourceChanges.Count.ShouldBe(1);
        again.Outputs["name"].Value.ShouldBe(result.Outputs["name"].Value);
        await stack.DestroyAsync();
    }

    [Fact]
    public async Task InlineYaml_GivesTheSameUrnsAndOutputsAsTheSameCSharpProgram()
    {
        var csharp = await _f.StackAsync(PulumiFn.Create(() =>
        {
            var id = new Builtins.RandomId("id", new Builtins.RandomIdArgs { ByteLength = 4 });
            return new Dictionary<string, object?> { ["hex"] = id.Hex, ["length"] = 4 };
        }), stack: "csharp");
        var yaml = await _f.StackAsync(PulumiFn.FromYaml("""
            resources:
              id:
                type: random:RandomId
                properties:
                  byteLength: 4
            outputs:
              hex: ${id.hex}
              length: 4
            """), stack: "yaml");

        var csharpEvents = new List<EngineEvent>();
        var yamlEvents = new List<EngineEvent>();
        var fromCSharp = await csharp.UpAsync(new UpOptions { OnEvent = csharpEvents.Add });
        var fromYaml = await yaml.UpAsync(new UpOptions { OnEvent = yamlEvents.Add });

        static IEnumerable<string> Urns(List<EngineEvent> events, string stack) =>
            events.OfType<ResourceOutputsEvent>().Select(e => e.Metadata.Urn.Replace($"urn:pulumi:{stack}::", "urn:pulumi:STACK::", StringComparison.Ordinal).Replace($"proj-{stack}", "proj-STACK", StringComparison.Ordinal)).Order();
        Urns(yamlEvents, "yaml").ShouldBe(Urns(csharpEvents, "csharp"));
        fromYaml.Outputs.Keys.Order().ShouldBe(fromCSharp.Outputs.Keys.Order());
        ((string)fromYaml.Outputs["hex"].Value!).ShouldMatch("^[0-9a-f]{8}$");
        Convert.ToDouble(fromYaml.Outputs["length"].Value, System.Globalization.CultureInfo.InvariantCulture).ShouldBe(4);
    }

    [Fact]
    public async Task LocalWorkspace_OverAYamlProjectFolder_RunsItsProgram_WithRelativePathsFromTheFolder()
    {
        var project = Directory.CreateDirectory(Path.Combine(_f.Root, "project")).FullName;
        File.WriteAllText(Path.Combine(project, "greeting.txt"), "hello from a file");
        File.WriteAllText(Path.Combine(project, "Pulumi.yaml"), """
            name: folder-yaml
            runtime: yaml
            resources:
              suffix:
                type: random:RandomString
                properties:
                  length: 5
                  special: false
            outputs:
              greeting: ${greeting}
              suffix: ${suffix.result}
            variables:
              greeting:
                fn::readFile: ./greeting.txt
            """);

        var stack = await LocalWorkspace.CreateOrSelectStackAsync(new LocalProgramArgs("dev", project)
        {
            StateRoot = Path.Combine(_f.Root, "state"),
            EnvironmentVariables = Passphrase,
        });
        stack.Workspace.Project.Name.ShouldBe("folder-yaml");
        var result = await stack.UpAsync();

        result.Outputs["greeting"].Value.ShouldBe("hello from a file");
        ((string)result.Outputs["suffix"].Value!).Length.ShouldBe(5);
        var preview = (await stack.PreviewAsync()).ChangeSummary;
        preview[OperationType.Same].ShouldBe(2);
        preview.Count.ShouldBe(1);
    }

    [Fact]
    public async Task YamlProjectFolder_MainYamlInAFolder_IsTheProgram()
    {
        var project = Directory.CreateDirectory(Path.Combine(_f.Root, "project")).FullName;
        File.WriteAllText(Path.Combine(project, "Pulumi.yaml"), "name: main-yaml\nruntime: yaml\nmain: program/\n");
        Directory.CreateDirectory(Path.Combine(project, "program"));
        File.WriteAllText(Path.Combine(project, "program", "Main.yaml"), """
            resources:
              pet:
                type: random:RandomId
                properties:
                  byteLength: 2
            outputs:
              hex: ${pet.hex}
            """);

        var stack = await LocalWorkspace.CreateOrSelectStackAsync(new LocalProgramArgs("dev", project) { StateRoot = Path.Combine(_f.Root, "state"), EnvironmentVariables = Passphrase });
        ((string)(await stack.UpAsync()).Outputs["hex"].Value!).ShouldMatch("^[0-9a-f]{4}$");
    }

    [Fact]
    public async Task YamlProgramWithErrors_FailsWithEveryDiagnostic_BeforeAnythingIsTouched()
    {
        var project = Directory.CreateDirectory(Path.Combine(_f.Root, "project")).FullName;
        File.WriteAllText(Path.Combine(project, "Pulumi.yaml"), """
            name: broken-yaml
            runtime: yaml
            resources:
              id:
                type: random:RandomId
                properties:
                  byteLenght: 4
              other:
                type: random:NoSuchThing
            outputs:
              hex: ${missing.hex}
            """);
        var stack = await LocalWorkspace.CreateOrSelectStackAsync(new LocalProgramArgs("dev", project) { StateRoot = Path.Combine(_f.Root, "state"), EnvironmentVariables = Passphrase });
        var stateBefore = Snapshot(Path.Combine(_f.Root, "state"));

        var error = await Should.ThrowAsync<YamlProgramException>(() => stack.UpAsync());

        error.Errors.Count().ShouldBeGreaterThanOrEqualTo(3, error.Message);
        error.Message.ShouldContain("Pulumi.yaml:7:");
        error.Message.ShouldContain("byteLenght");
        error.Message.ShouldContain("random:NoSuchThing");
        error.Message.ShouldContain("missing");
        Snapshot(Path.Combine(_f.Root, "state")).ShouldBe(stateBefore, "no lock, history, journal or checkpoint was written");
        await Should.ThrowAsync<YamlProgramException>(() => stack.PreviewAsync());
    }

    [Fact]
    public void InlineYaml_ThatDoesNotParse_IsRefusedAtOnce_WithItsPosition()
    {
        var error = Should.Throw<YamlProgramException>(() => PulumiFn.FromYaml("resources:\n  id:\n    type: [unclosed\n", "inline.yaml"));
        error.Message.ShouldContain("inline.yaml:");
    }

    [Fact]
    public async Task YamlWorkspace_DestroyAndRefresh_DoNotNeedAValidProgram()
    {
        var project = Directory.CreateDirectory(Path.Combine(_f.Root, "project")).FullName;
        var file = Path.Combine(project, "Pulumi.yaml");
        File.WriteAllText(file, "name: edited-yaml\nruntime: yaml\nresources:\n  id:\n    type: random:RandomId\n    properties:\n      byteLength: 4\n");
        var stack = await LocalWorkspace.CreateOrSelectStackAsync(new LocalProgramArgs("dev", project) { StateRoot = Path.Combine(_f.Root, "state"), EnvironmentVariables = Passphrase });
        await stack.UpAsync();

        File.WriteAllText(file, "name: edited-yaml\nruntime: yaml\nresources:\n  id:\n    type: random:Nope\n");
        await stack.RefreshAsync();
        (await stack.DestroyAsync()).Summary.ResourceChanges![OperationType.Delete].ShouldBe(2);
    }

    private static Dictionary<string, string> Snapshot(string root) =>
        Directory.Exists(root)
            ? Directory.GetFiles(root, "*", SearchOption.AllDirectories).ToDictionary(f => Path.GetRelativePath(root, f), File.ReadAllText)
            : [];
}
