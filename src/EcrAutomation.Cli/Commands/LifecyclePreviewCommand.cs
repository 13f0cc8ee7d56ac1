using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using EcrAutomation.Aws;
using EcrAutomation.Aws.Ecr;
using EcrAutomation.Aws.Resources;
using EcrAutomation.Aws.Resources.DeployedImages;
using EcrAutomation.Cli.Display;
using EcrAutomation.Lifecycle;

namespace EcrAutomation.Cli.Commands;

/// <summary><c>ecr-automation lifecycle preview</c>: what a lifecycle policy would expire, evaluated offline with ECR's rules.</summary>
internal sealed class LifecyclePreviewCommand(CliConsole console)
    : CliCommand("preview", "Show which images a lifecycle policy would expire, by which rule, and which stay", console,
        Policy, Images, Repository, Now, Json, CommonOptions.Stack)
{
    private static readonly Option<FileInfo> Policy = new("--policy") { Description = "The lifecycle policy JSON file", Required = true };
    private static readonly Option<FileInfo?> Images = new("--images") { Description = "The output of 'aws ecr describe-images' (an object with imageDetails)" };
    private static readonly Option<string?> Repository = new("--repository") { Description = "Read the images of this repository live from the selected stack's cloud" };
    private static readonly Option<string?> Now = new("--now") { Description = "Evaluate as of this ISO-8601 time (default: now)" };
    private static readonly Option<bool> Json = new("--json") { Description = "Print one JSON object {expire:[...], keep:[...]}" };

    protected override async Task<int> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var console = context.Console;
        var policyFile = context.Get(Policy)!;
        if (!policyFile.Exists) return Fail(console, $"the policy file '{policyFile.FullName}' does not exist");
        LifecyclePolicy policy;
        try { policy = LifecyclePolicy.Parse(await File.ReadAllTextAsync(policyFile.FullName, cancellationToken)); }
        catch (LifecyclePolicyException e) { return Fail(console, e.Message); }

        var imagesFile = context.Get(Images);
        var repository = context.Get(Repository);
        if ((imagesFile is null) == (repository is null)) return Fail(console, "give exactly one of --images FILE or --repository NAME");
        var now = DateTimeOffset.UtcNow;
        if (context.Get(Now) is { } nowText && !DateTimeOffset.TryParse(nowText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out now))
            return Fail(console, $"--now '{nowText}' is not an ISO-8601 time, e.g. 2026-11-27T12:00:00Z");

        // The stack's cloud (and, for a local stack, the running local cloud), resolved once for both reads below.
        using var aws = repository is null ? null : ConnectionFor(await StackCloudConfigAsync(context, cancellationToken));
        List<LifecycleImage> images;
        try
        {
            images = imagesFile is not null
                ? ReadImagesFile(imagesFile)
                : await ReadRepositoryAsync(aws!, repository!, cancellationToken);
        }
        catch (Exception e) when (e is JsonException or IOException or FormatException) { return Fail(console, $"cannot read the images: {e.Message}"); }
        catch (AwsException e) { return Fail(console, e.Message, ExitCodes.Failed); }

        var result = LifecycleEvaluator.Evaluate(policy, images, now);
        if (context.Get(Json)) PrintJson(console, result);
        else PrintHuman(console, policy, result, imagesFile?.Name ?? repository!, now);
        if (repository is not null && result.Expire.Count > 0)
        {
            // Protect what is deployed: say which expiring images ECS task definitions and EKS Deployments still run.
            var scan = await DeployedImageGuard.FindExpiringAsync(aws!, repository, policy.ToCanonicalJson(), cancellationToken);
            foreach (var message in scan.Unchecked) console.WriteWarning(message);
            if (scan.Deployed.Count > 0) console.WriteWarning(DeployedImageGuard.Describe(repository, scan.Deployed));
        }
        return ExitCodes.Success;
    }

    /// <summary>The selected stack's config as a run would see it (for a local-cloud stack, pointing at the local cloud).</summary>
    private static async Task<IReadOnlyDictionary<string, string>> StackCloudConfigAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var session = await context.OpenStackAsync(createIfConfigured: false, cancellationToken);
        return (await session.TargetCloudAsync(context.Console.Error.WriteLine, cancellationToken)).Config;
    }

    private static int Fail(CliConsole console, string message, int code = ExitCodes.BadInput)
    {
        console.WriteError(message);
        return code;
    }

    private static List<LifecycleImage> ReadImagesFile(FileInfo file)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(file.FullName));
        if (!doc.RootElement.TryGetProperty("imageDetails", out var details) || details.ValueKind != JsonValueKind.Array)
            throw new FormatException("expected the JSON printed by 'aws ecr describe-images': an object with an imageDetails array");
        return [.. details.EnumerateArray().Select(d => new LifecycleImage(
            d.GetProperty("imageDigest").GetString()!,
            d.TryGetProperty("imageTags", out var tags) ? [.. tags.EnumerateArray().Select(t => t.GetString()!)] : [],
            ReadTime(d.GetProperty("imagePushedAt")),
            d.TryGetProperty("lastRecordedPullTime", out var pulled) ? ReadTime(pulled) : null))];
    }

    /// <summary>The AWS CLI prints times as ISO strings; the API sends epoch seconds.</summary>
    private static DateTimeOffset ReadTime(JsonElement e) => e.ValueKind == JsonValueKind.Number
        ? DateTimeOffset.FromUnixTimeMilliseconds((long)(e.GetDouble() * 1000))
        : DateTimeOffset.Parse(e.GetString()!, CultureInfo.InvariantCulture);

    /// <summary>The connection of the stack's config (for a local-cloud stack, the local cloud's), for this command only.</summary>
    private static AwsConnection ConnectionFor(IReadOnlyDictionary<string, string> config)
    {
        try { return AwsConnection.FromStackConfig(config); }
        catch (Exception e) when (e is AwsConfigurationException or ArgumentException) { throw new UsageException($"{e.Message} To read the local cloud instead, set the stack config 'ecr-automation:cloud' to 'local'."); }
    }

    private static async Task<List<LifecycleImage>> ReadRepositoryAsync(AwsConnection aws, string repository, CancellationToken ct)
    {
        var ecr = aws.Ecr;
        var images = new List<LifecycleImage>();
        await foreach (var d in ecr.DescribeAllImagesAsync(new DescribeImagesRequest { RepositoryName = repository }, ct))
            images.Add(new LifecycleImage(d.ImageDigest!, d.ImageTags ?? [], d.ImagePushedAt ?? DateTimeOffset.UnixEpoch, d.LastRecordedPullTime));
        return images;
    }

    private static void PrintJson(CliConsole console, LifecycleEvaluation result) => console.WriteLine(JsonSerializer.Serialize(new
    {
        expire = result.Expire.Select(e => new { imageDigest = e.Image.Digest, imageTags = e.Image.Tags, appliedRulePriority = e.AppliedRulePriority }),
        keep = result.Keep.Select(k => new { imageDigest = k.Digest, imageTags = k.Tags }),
    }));

    private static void PrintHuman(CliConsole console, LifecyclePolicy policy, LifecycleEvaluation result, string source, DateTimeOffset now)
    {
        string Tags(IReadOnlyList<string> tags) => tags.Count == 0 ? "<untagged>" : string.Join(", ", tags);
        console.WriteLine($"Lifecycle preview of {source} as of {now:u}: {result.Expire.Count} to expire, {result.Keep.Count} to keep");
        console.WriteLine();
        console.WriteLine("Expire:");
        foreach (var group in result.Expire.GroupBy(e => e.AppliedRulePriority).OrderBy(g => g.Key))
        {
            var rule = policy.Rules.First(r => r.RulePriority == group.Key);
            console.WriteLine($"  rule {group.Key}{(rule.Description is { } d ? $" ({d})" : "")}:");
            foreach (var e in group) console.WriteLine($"    - {e.Image.Digest}  {Tags(e.Image.Tags)}  pushed {e.Image.PushedAt:u}");
        }
        if (result.Expire.Count == 0) console.WriteLine("  nothing");
        console.WriteLine();
        console.WriteLine("Keep:");
        foreach (var k in result.Keep) console.WriteLine($"      {k.Digest}  {Tags(k.Tags)}  pushed {k.PushedAt:u}");
        if (result.Keep.Count == 0) console.WriteLine("  nothing");
    }
}
