using System.CommandLine;
using EcrAutomation.Cli.Programs;

namespace EcrAutomation.Cli.Commands;

/// <summary>The options several commands share, spelled and described once.</summary>
internal static class CommonOptions
{
    public static readonly Option<string> Stack = new("--stack", "-s") { Description = "The stack to operate on", DefaultValueFactory = _ => DefaultStack };

    /// <summary>The stack a command operates on when none is named: <c>ECR_AUTOMATION_STACK</c>, else <c>dev</c>.</summary>
    public static string DefaultStack => Environment.GetEnvironmentVariable("ECR_AUTOMATION_STACK") ?? "dev";
    public static readonly Option<bool> Yes = new("--yes", "-y") { Description = "Proceed without asking for confirmation" };
    public static readonly Option<bool> Json = new("--json", "-j") { Description = "Print engine events as NDJSON on stdout (nothing else)" };
    public static readonly Option<int?> Parallel = PositiveParallel(new("--parallel", "-p") { Description = "Maximum provider operations in flight (1 or more; default 16)" });
    public static readonly Option<string[]> Target = new("--target", "-t") { Description = "Operate only on these URNs (repeatable)", AllowMultipleArgumentsPerToken = false };
    public static readonly Option<bool> TargetDependents = new("--target-dependents") { Description = "Also operate on resources that depend on the targets" };
    public static readonly Option<string[]> Replace = new("--replace") { Description = "Force replacement of these URNs (repeatable)" };
    public static readonly Option<bool> Diff = new("--diff") { Description = "Show property-level changes" };
    public static readonly Option<bool> ExpectNoChanges = new("--expect-no-changes") { Description = "Fail if any change would be made" };
    public static readonly Option<bool> ShowSecrets = new("--show-secrets") { Description = "Show secret values in outputs" };
    public static readonly Option<string?> Program = new("--program") { Description = $"The C# inline program to run ({string.Join(", ", ProgramCatalog.All.Keys)}); saved as the stack's {ProgramCatalog.ConfigKey}, which later runs use. A project with runtime: yaml runs its YAML program instead" };
    public static readonly Option<string?> IgnoredProgram = new("--program") { Description = "Accepted for symmetry with up and preview, and ignored: this command works on the stack's state, not a program" };
    public static readonly Option<string?> Message = new("--message", "-m") { Description = "A message recorded in the stack history" };
    public static readonly Option<bool> AllowExpireDeployed = new("--allow-expire-deployed") { Description = "Apply lifecycle policies even when they would expire images that running ECS task definitions use" };
    public static readonly Option<string?> Backend = new("--backend", "-b") { Description = "Where stack state lives: file://PATH or s3://bucket/prefix?region=REGION (default: PULUMI_BACKEND_URL, then Pulumi.yaml's backend.url, then ECR_AUTOMATION_HOME)", Recursive = true };
    public static readonly Option<string?> Cwd = new("--cwd", "-C") { Description = "The project folder (with Pulumi.yaml); default: the nearest one above the current folder", Recursive = true };

    private static Option<int?> PositiveParallel(Option<int?> option)
    {
        option.Validators.Add(result =>
        {
            // A value that is not a number at all is reported by the parser itself.
            if (result.Tokens is [var token] && int.TryParse(token.Value, out var n) && n < 1) result.AddError($"--parallel must be 1 or more (got {n})");
        });
        return option;
    }
}
