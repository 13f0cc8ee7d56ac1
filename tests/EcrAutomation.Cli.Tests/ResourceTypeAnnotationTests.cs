using System.Reflection;
using EcrAutomation.Automation;
using EcrAutomation.Cli.Programs;
using EcrAutomation.Schema;

namespace EcrAutomation.Cli.Tests;

/// <summary>
/// Every resource class the shipped libraries define carries <see cref="ResourceTypeAttribute"/> with the token it
/// really registers with, so YAML programs and <c>ecr-automation schema</c> find each class by its Pulumi token.
/// </summary>
public sealed class ResourceTypeAnnotationTests : IDisposable
{
    private static readonly Type[] EngineBases = [typeof(CustomResource), typeof(ComponentResource), typeof(ProviderResource)];
    private readonly string _root = Directory.CreateTempSubdirectory("ecra-annotations-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    /// <summary>The shipped libraries next to the tests (every src project the CLI references), not the test assemblies.</summary>
    private static IReadOnlyList<Assembly> ShippedAssemblies() =>
        [.. Directory.GetFiles(AppContext.BaseDirectory, "EcrAutomation.*.dll")
            .Where(p => !Path.GetFileName(p).Contains(".Tests", StringComparison.Ordinal) && !Path.GetFileName(p).StartsWith("EcrAutomation.Testing", StringComparison.Ordinal))
            .Select(p => Assembly.LoadFrom(p))];

    private static IEnumerable<Type> ResourceClasses(Assembly assembly) => assembly.GetTypes().Where(t =>
        t.IsClass && !t.IsAbstract && typeof(Resource).IsAssignableFrom(t) && !EngineBases.Contains(t) && !(typeof(Stack).IsAssignableFrom(t) && t != typeof(Stack)));

    [Fact]
    public void EveryResourceClassOfEveryShippedAssembly_CarriesResourceType()
    {
        var assemblies = ShippedAssemblies();
        assemblies.Select(a => a.GetName().Name).ShouldContain("EcrAutomation.Kubernetes");
        var classes = assemblies.SelectMany(ResourceClasses).ToList();
        classes.Count.ShouldBeGreaterThan(30);
        classes.Where(t => t.GetCustomAttribute<ResourceTypeAttribute>() is null).Select(t => t.FullName).ShouldBeEmpty();
    }

    [Fact]
    public async Task EveryCatalogType_ConstructedInAPreview_RegistersWithItsAttributesToken()
    {
        var registered = new Dictionary<Type, string>();
        var failures = new List<string>();
        var stack = await LocalWorkspace.CreateOrSelectStackAsync(new InlineProgramArgs("annotations", "dev", PulumiFn.Create(async () =>
        {
            foreach (var token in PackageCatalogs.Resources.Tokens.Order(StringComparer.Ordinal))
            {
                PackageCatalogs.Resources.TryGet(token, out var info).ShouldBeTrue();
                try
                {
                    var resource = await info.ConstructAsync("probe-" + registered.Count, MinimalInputs(token), null);
                    registered[info.ResourceClass] = resource.GetResourceType();
                }
                catch (Exception e)
                {
                    failures.Add($"{token}: {e.GetType().Name}: {e.Message}");
                }
            }
            // The probes are not meant to deploy: stop the preview before any provider call.
            throw new ProbesConstructedException();
        }))
        {
            StateRoot = Path.Combine(_root, "state"),
            WorkDir = Path.Combine(_root, "work"),
            Providers = ProgramCatalog.Providers(_root),
            EnvironmentVariables = new Dictionary<string, string?> { ["PULUMI_CONFIG_PASSPHRASE"] = "test" },
        });
        await stack.SetConfigAsync("aws:region", new ConfigValue("us-east-1"));
        await stack.SetConfigAsync("aws:endpoint", new ConfigValue("http://127.0.0.1:9"));
        await stack.SetConfigAsync("aws:maxRetries", new ConfigValue("0"));

        await Should.ThrowAsync<Exception>(() => stack.PreviewAsync());

        failures.ShouldBeEmpty();
        registered.Count.ShouldBe(PackageCatalogs.Resources.Tokens.Count);
        foreach (var (type, token) in registered) type.GetCustomAttribute<ResourceTypeAttribute>()!.Type.ShouldBe(token, type.FullName);
    }

    /// <summary>Inputs without which a constructor throws (those it needs before any output resolves).</summary>
    private static Dictionary<string, object?> MinimalInputs(string token) => token switch
    {
        "awsx:ecr:Image" => new() { ["repositoryUrl"] = "123456789012.dkr.ecr.us-east-1.amazonaws.com/app" },
        "awsx:ecs:FargateService" => new() { ["taskDefinition"] = "arn:aws:ecs:us-east-1:123456789012:task-definition/app:1" },
        "awsx:ecs:FargateTaskDefinition" => new() { ["container"] = new Dictionary<string, object?> { ["name"] = "app", ["image"] = "nginx" } },
        "eks:index:ServiceRole" => new() { ["service"] = "eks.amazonaws.com" },
        _ => [],
    };

    private sealed class ProbesConstructedException() : Exception("probes constructed");
}
