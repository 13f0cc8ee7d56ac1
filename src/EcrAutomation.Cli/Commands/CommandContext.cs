using System.CommandLine;
using EcrAutomation.Automation;
using EcrAutomation.Cli.Display;
using EcrAutomation.Cli.Programs;
using EcrAutomation.State.S3;

namespace EcrAutomation.Cli.Commands;

/// <summary>One invocation of a command: its parsed command line, the console, and how it finds its project and stack.</summary>
internal sealed class CommandContext(ParseResult parse, CliConsole console)
{
    public CliConsole Console { get; } = console;

    public T? Get<T>(Option<T> option) => parse.GetValue(option);

    public T? Get<T>(Argument<T> argument) => parse.GetValue(argument);

    /// <summary>The workspace of the project folder: <c>--cwd</c>, else the nearest folder with a Pulumi.yaml at or above the current one.</summary>
    public Task<LocalWorkspace> OpenWorkspaceAsync(CancellationToken cancellationToken, string? secretsProvider = null)
    {
        var given = Get(CommonOptions.Cwd);
        var dir = (given is null ? null : Path.GetFullPath(given)) ?? FindProjectDirectory(Directory.GetCurrentDirectory())
            ?? throw new UsageException("no Pulumi.yaml found in this folder or any folder above it; run from the project folder or pass --cwd");
        if (!File.Exists(Path.Combine(dir, ProjectSettings.FileName)))
            throw new UsageException($"no Pulumi.yaml in '{dir}'; --cwd must name the project folder");
        // Only YAML programs need the catalogs; other commands skip reflecting over the packages.
        var yaml = ProjectSettings.Load(dir)?.IsYaml == true;
        return LocalWorkspace.CreateAsync(new LocalWorkspaceOptions
        {
            WorkDir = dir,
            Providers = ProgramCatalog.Providers(dir),
            ResourceCatalog = yaml ? PackageCatalogs.Resources : null,
            FunctionCatalog = yaml ? PackageCatalogs.Functions : null,
            BackendUrl = Get(CommonOptions.Backend),
            StateStorageFactory = S3StateStorage.Open,
            SecretsProvider = secretsProvider,
        }, cancellationToken);
    }

    /// <summary>Opens the <c>--stack</c> stack, or <paramref name="stackName"/>; see <see cref="StackSession.OpenAsync"/>.</summary>
    public Task<StackSession> OpenStackAsync(bool createIfConfigured, CancellationToken cancellationToken, string? stackName = null) =>
        StackSession.OpenAsync(this, createIfConfigured, cancellationToken, stackName);

    /// <summary>The stack named as a positional argument (<c>stack rm NAME</c>, as in Pulumi) or with <c>--stack</c>.</summary>
    public string StackName(Argument<string?> positional)
    {
        var named = Get(positional);
        var option = parse.GetResult(CommonOptions.Stack) is { Implicit: false } ? Get(CommonOptions.Stack) : null;
        if (named is not null && option is not null && named != option)
            throw new UsageException($"two different stacks named: '{named}' and --stack '{option}'; give one");
        return named ?? Get(CommonOptions.Stack)!;
    }

    private static string? FindProjectDirectory(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, ProjectSettings.FileName))) return dir.FullName;
        return null;
    }
}
