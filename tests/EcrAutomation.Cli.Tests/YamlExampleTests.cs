using System.Text.Json;
using System.Text.RegularExpressions;

namespace EcrAutomation.Cli.Tests;

/// <summary>
/// The seed's YAML programs in examples/, deployed by the CLI (<c>up -C examples/...</c>) to the local cloud next to the C#
/// program they mirror (<c>--program ...</c>, in the runner's C# project) on the same local cloud: the same resource tree
/// and URNs apart from the project name, outputs of the same shape, a second up that changes nothing, and an app/ edit that
/// updates exactly the image (and the task definition and service, or the Deployment).
/// </summary>
public sealed partial class YamlExampleTests : IAsyncLifetime
{
    private CliRunner _cli = null!;
    private string _example = null!;

    [Fact]
    public async Task EcrYaml_DeploysTheSameTreeAsTheRepositoryProgram_AndASecondUpChangesNothing()
    {
        await DeployBothAsync("ecr-yaml", "repository");
        await SecondUpChangesNothingAsync();
    }

    [Fact]
    public async Task EcrImageYaml_DeploysTheSameTreeAsTheImageProgram_AndAnAppEditUpdatesOnlyTheImage()
    {
        await DeployBothAsync("ecr-image-yaml", "image");
        await SecondUpChangesNothingAsync();
        (await AppEditChangesAsync()).ShouldBe(["docker-build:index:Image"]);
    }

    [Fact]
    public async Task EcsYaml_DeploysTheSameTreeAsTheEcsProgram_AndAnAppEditUpdatesImageTaskDefinitionAndService()
    {
        await DeployBothAsync("ecs-yaml", "ecs");
        await SecondUpChangesNothingAsync();
        (await AppEditChangesAsync()).ShouldBe(["aws:ecs/service:Service", "aws:ecs/taskDefinition:TaskDefinition", "docker-build:index:Image"]);
    }

    [Fact(Timeout = 1_800_000)]
    public async Task EksYaml_DeploysTheEksProgramsTreeThroughAnExplicitKubernetesProvider_AndAnAppEditRollsOnlyImageAndDeployment()
    {
        await DeployBothAsync("eks-yaml", "eks", extraInYaml: ["pulumi:providers:kubernetes::clusterProvider"], timeout: TimeSpan.FromMinutes(10));
        await SecondUpChangesNothingAsync();
        (await AppEditChangesAsync()).ShouldBe(["docker-build:index:Image", "kubernetes:apps/v1:Deployment"]);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    // xUnit v2 calls IAsyncLifetime.DisposeAsync on test classes, not IAsyncDisposable: without it every example left its local cloud running.
    public async Task DisposeAsync()
    {
        if (_cli is null) return;
        await _cli.RunAsync("local", "stop");
        _cli.Dispose();
    }

    /// <summary>Deploys the example and the C# program; compares their trees, URNs and outputs.</summary>
    private async Task DeployBothAsync(string example, string csharpProgram, string[]? extraInYaml = null, TimeSpan? timeout = null)
    {
        _cli = new CliRunner($"config:\n  aws:region: us-east-1\n  ecr-automation:cloud: local\n  ecr-automation:program: {csharpProgram}\n") { Timeout = timeout ?? TimeSpan.FromMinutes(3) };
        _cli.Environment["ECR_AUTOMATION_LOCAL_PORT"] = "0";
        // The trees, URNs and outputs are what these tests compare; the workloads need not run (the ECS and EKS programs'
        // own tests run them), and the seed's ECS YAML keeps AWS's defaults (300 s draining), which would make a roll slow.
        _cli.Environment["ECR_AUTOMATION_LOCAL_CONTAINERS"] = "0";
        DemoApp.CopyTo(_cli.ProjectDir);
        _example = Path.Combine(_cli.Root, example);
        DemoApp.CopyDirectory(Path.Combine(DemoApp.RepositoryRoot(), "examples", example), _example);

        // -C relative to the current folder, as the README runs the examples (`up -C examples/ecs-yaml`).
        var yamlUp = await _cli.RunAsync("up", "-C", Path.GetRelativePath(_cli.ProjectDir, _example), "--stack", "dev", "--yes");
        yamlUp.ExitCode.ShouldBe(0, yamlUp.Stdout + yamlUp.Stderr);
        var csharpUp = await _cli.RunAsync("up", "--stack", "dev", "--yes");
        csharpUp.ExitCode.ShouldBe(0, csharpUp.Stdout + csharpUp.Stderr);

        var yaml = await ResourcesAsync("-C", _example);
        var csharp = await ResourcesAsync();
        yaml.Keys.Except(csharp.Keys).Order().ShouldBe((extraInYaml ?? []).Select(r => $"urn:pulumi:dev::PROJECT::{r}").Order(), "resources only the YAML program has");
        csharp.Keys.Except(yaml.Keys).ShouldBeEmpty("resources only the C# program has");
        foreach (var (urn, parent) in csharp) yaml[urn].ShouldBe(parent, $"the parent of {urn}");

        var yamlOutputs = await OutputsAsync("-C", _example);
        var csharpOutputs = await OutputsAsync();
        yamlOutputs.Keys.ShouldNotBeEmpty();
        foreach (var (name, value) in yamlOutputs)
        {
            csharpOutputs.ShouldContainKey(name);
            Shape(value).ShouldBe(Shape(csharpOutputs[name]), $"output {name}: {value} vs {csharpOutputs[name]}");
        }
    }

    private async Task SecondUpChangesNothingAsync()
    {
        var again = await _cli.RunAsync("up", "-C", _example, "--stack", "dev", "--yes");
        again.ExitCode.ShouldBe(0, again.Stdout + again.Stderr);
        again.Stdout.ShouldContain("unchanged");
        again.Stdout.ShouldNotContain(" created");
        again.Stdout.ShouldNotContain(" updated");
        again.Stdout.ShouldNotContain(" deleted");
    }

    /// <summary>Edits the example's app/ page, runs up, and returns the types of the resources it changed.</summary>
    private async Task<List<string>> AppEditChangesAsync()
    {
        File.AppendAllText(Path.Combine(_example, "app", "www", "index.html"), "\n<!-- v2 -->\n");
        var up = await _cli.RunAsync("up", "-C", _example, "--stack", "dev", "--yes", "--json");
        up.ExitCode.ShouldBe(0, up.Stderr);
        return [.. up.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement)
            .Where(e => e.TryGetProperty("resOutputsEvent", out _))
            .Select(e => e.GetProperty("resOutputsEvent").GetProperty("metadata"))
            .Where(m => m.GetProperty("op").GetString() is not "same")
            .Select(m => m.GetProperty("type").GetString()!).Distinct().Order()];
    }

    /// <summary>The stack's resources: each URN, with the project name replaced, and its parent's (so the tree is compared too).</summary>
    private async Task<Dictionary<string, string?>> ResourcesAsync(params string[] project)
    {
        var export = await _cli.RunAsync(["stack", "export", "--stack", "dev", .. project]);
        export.ExitCode.ShouldBe(0, export.Stderr);
        var resources = JsonDocument.Parse(export.Stdout).RootElement.GetProperty("deployment").GetProperty("resources").EnumerateArray().ToList();
        var name = resources[0].GetProperty("urn").GetString()!.Split("::")[1];
        string Normalize(string urn) => urn.Replace($"::{name}::", "::PROJECT::", StringComparison.Ordinal).Replace($"::{name}-dev", "::PROJECT-dev", StringComparison.Ordinal);
        return resources.ToDictionary(
            r => Normalize(r.GetProperty("urn").GetString()!),
            r => r.TryGetProperty("parent", out var parent) && parent.GetString() is { Length: > 0 } p ? Normalize(p) : null);
    }

    private async Task<Dictionary<string, JsonElement>> OutputsAsync(params string[] project)
    {
        var outputs = await _cli.RunAsync(["outputs", "--stack", "dev", "--json", "--show-secrets", .. project]);
        outputs.ExitCode.ShouldBe(0, outputs.Stderr);
        return JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(outputs.Stdout)!;
    }

    /// <summary>
    /// An output with its generated parts blanked, for comparing two stacks' outputs: a string with its hex suffixes,
    /// digests and numbers replaced; an object or list (a kubeconfig) as its structure, with the kinds of its values.
    /// </summary>
    private static string Shape(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => HexOrNumber().Replace(value.GetString()!, "#"),
        JsonValueKind.Object => "{" + string.Join(",", value.EnumerateObject().Select(p => $"{p.Name}:{Structure(p.Value)}")) + "}",
        JsonValueKind.Array => "[" + string.Join(",", value.EnumerateArray().Select(Structure)) + "]",
        _ => value.ValueKind.ToString(),
    };

    private static string Structure(JsonElement value) => value.ValueKind is JsonValueKind.Object or JsonValueKind.Array ? Shape(value) : value.ValueKind.ToString();

    [GeneratedRegex("[0-9a-f]{6,}|[0-9]+")]
    private static partial Regex HexOrNumber();
}
