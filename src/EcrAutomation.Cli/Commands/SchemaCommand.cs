using System.CommandLine;
using EcrAutomation.Cli.Display;
using EcrAutomation.Cli.Programs;
using EcrAutomation.Schema;

namespace EcrAutomation.Cli.Commands;

/// <summary>
/// <c>ecr-automation schema &lt;package|token&gt;</c>: the Pulumi package schema (JSON) of a package the tool ships
/// (<c>aws</c>, <c>awsx</c>, <c>kubernetes</c>, ...), or the entry of one resource type or function, given as Pulumi or
/// pulumi-yaml spell it (<c>aws:ecr:Repository</c>, <c>aws:ecr/repository:Repository</c>, <c>aws:ec2:getVpc</c>): what a
/// YAML program's properties are checked against.
/// </summary>
internal sealed class SchemaCommand : CliCommand
{
    private static readonly Argument<string> PackageOrToken = new("package-or-token")
    {
        Description = "A package (aws, awsx, kubernetes, eks, random, docker-build) or a resource or function token (aws:ecr:Repository, aws:ec2:getVpc)",
    };

    public SchemaCommand(CliConsole console)
        : base("schema", "Print the Pulumi package schema of a package, or the schema of one resource type or function", console)
    {
        Arguments.Add(PackageOrToken);
    }

    protected override Task<int> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var name = context.Get(PackageOrToken)!;
        var resources = PackageCatalogs.Resources;
        var functions = PackageCatalogs.Functions;
        if (resources.Packages.FirstOrDefault(p => string.Equals(p, name, StringComparison.OrdinalIgnoreCase)) is { } package)
        {
            context.Console.WriteLine(resources.Package(package, functions).ToJson());
            return Task.FromResult(ExitCodes.Success);
        }
        var token = resources.Resolve(name) ?? functions.Resolve(name) ?? throw new UsageException(Unknown(name));
        var packageOfToken = token.StartsWith("pulumi:providers:", StringComparison.Ordinal) ? token["pulumi:providers:".Length..] : token.Split(':')[0];
        context.Console.WriteLine(resources.Package(packageOfToken, functions).EntryJson(token)!);
        return Task.FromResult(ExitCodes.Success);
    }

    /// <summary>The message for a name that is no package, type or function, with the closest one when it is close.</summary>
    private static string Unknown(string name)
    {
        var candidates = PackageCatalogs.Resources.Packages.Concat(PackageCatalogs.Resources.Tokens).Concat(PackageCatalogs.Functions.Tokens)
            .SelectMany(t => new[] { t, ShortForm(t) }).Distinct(StringComparer.Ordinal).ToList();
        var hint = Spelling.Closest(name, candidates) is { } closest ? $"did you mean '{closest}'? " : "";
        return $"'{name}' is not a package, resource type or function this tool ships; {hint}the packages are {string.Join(", ", PackageCatalogs.Resources.Packages)} (run 'ecr-automation schema <package>' to list their types and functions)";
    }

    /// <summary>The pulumi-yaml short form of a token (<c>aws:ecr/repository:Repository</c> is <c>aws:ecr:Repository</c>).</summary>
    private static string ShortForm(string token)
    {
        var parts = token.Split(':');
        if (parts.Length != 3) return token;
        var slash = parts[1].IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? token : $"{parts[0]}:{parts[1][..slash]}:{parts[2]}";
    }
}
