using EcrAutomation.Automation;
using EcrAutomation.Aws.Resources;
using EcrAutomation.Awsx;
using EcrAutomation.Awsx.Images;
using EcrAutomation.Kubernetes;
using EcrAutomation.Providers;
using EcrAutomation.Builtins;

namespace EcrAutomation.Cli.Programs;

/// <summary>The inline programs the host can run, selected with <c>--program</c> or the stack config key <c>ecr-automation:program</c>.</summary>
internal static class ProgramCatalog
{
    public const string ConfigKey = "ecr-automation:program";

    /// <summary>The program of a new stack whose config names none.</summary>
    public const string Default = "sample";

    /// <summary>Every provider the programs use; relative paths (e.g. <c>./app</c>) resolve against the project folder.</summary>
    public static ProviderRegistry Providers(string projectDirectory) =>
        KubernetesProviderReplacement.Register(KubernetesProviders.Register(
            AwsxProviders.Register(AwsProviders.Register(new ProviderRegistry()), new ImageProviderOptions { WorkDirectory = projectDirectory })));

    public static IReadOnlyDictionary<string, PulumiFn> All { get; } = new Dictionary<string, PulumiFn>(StringComparer.Ordinal)
    {
        ["sample"] = PulumiFn.Create(Sample),
        ["repository"] = PulumiFn.Create(RepositoryProgram),
        ["image"] = PulumiFn.Create(ImageProgram.Run),
        ["ecs"] = PulumiFn.Create(EcsProgram.Run),
        ["ecs-class"] = PulumiFn.Create<EcsStack>(),
        ["eks"] = PulumiFn.Create(EksProgram.Run),
        ["eks-class"] = PulumiFn.Create<EksStack>(),
    };

    /// <summary>The seed's first step: an ECR repository in one line, exporting its URL.</summary>
    private static IDictionary<string, object?> RepositoryProgram()
    {
        var repository = new EcrAutomation.Awsx.Ecr.Repository("repository");
        return new Dictionary<string, object?> { ["url"] = repository.Url };
    }

    /// <summary>A first program with no cloud at all: a random id and a random string derived from config.</summary>
    private static IDictionary<string, object?> Sample()
    {
        var config = new EcrAutomation.Config();
        var id = new RandomId("id", new RandomIdArgs { ByteLength = 4 });
        var suffix = new RandomString("suffix", new RandomStringArgs { Length = config.GetInt32("suffixLength") ?? 6, Special = false, Upper = false });
        return new Dictionary<string, object?>
        {
            ["id"] = id.Hex,
            ["name"] = Output.Format($"sample-{id.Hex}-{suffix.Result}"),
        };
    }
}
