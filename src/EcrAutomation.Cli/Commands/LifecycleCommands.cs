using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using EcrAutomation.Aws;
using EcrAutomation.Aws.Ecr;
using EcrAutomation.Aws.Resources;
using EcrAutomation.Aws.Resources.Ecs;
using EcrAutomation.Lifecycle;

namespace EcrAutomation.Cli.Commands;

/// <summary><c>ecr-automation lifecycle preview</c>: what a lifecycle policy would expire, evaluated offline with ECR's rules.</summary>
internal static class LifecycleCommands
{
    private static readonly Option<FileInfo> PolicyOption = new("--policy") { Description = "The lifecycle policy JSON file", Required = true };
    private static readonly Option<FileInfo?> ImagesOption = new("--images") { Description = "The output of 'aws ecr describe-images' (an object with imageDetails)" };
    private static readonly Option<string?> RepositoryOption = new("--repository") { Description = "Read the images of this repository live from the selected stack's cloud" };
    private static readonly Option<string?> NowOption = new("--now") { Description = "Evaluate as of this ISO-8601 time (default: now)" };
    private static readonly Option<bool> JsonOption = new("--json") { Description = "Print one JSON object {expire:[...], keep:[...]}" };

    public static Command Build(Option<string> stackOption, Func<ParseResult, CancellationToken, Task<IReadOnlyDictionary<string, string>>> stackConfig)
    {
        var preview = new Command("preview", "Show which images a lifecycle policy would expire, by which rule, and which stay");
        foreach (var o in new Option[] { PolicyOption, ImagesOption, RepositoryOption, NowOption, JsonOption, stackOption }) preview.Options.Add(o);
        preview.SetAction((parse, ct) => Cli.Guard(parse, async () =>
        {
            var policyFile = parse.GetValue(PolicyOption)!;
            if (!policyFile.Exists) return Fail($"the policy file '{policyFile.FullName}' does not exist");
            LifecyclePolicy policy;
            try { policy = LifecyclePolicy.Parse(await File.ReadAllTextAsync(policyFile.FullName, ct)); }
            catch (LifecyclePolicyException e) { return Fail(e.Message); }

            var imagesFile = parse.GetValue(ImagesOption);
            var repository = parse.GetValue(RepositoryOption);
            if ((imagesFile is null) == (repository is null)) return Fail("give exactly one of --images FILE or --repository NAME");
            var now = DateTimeOffset.UtcNow;
            if (parse.GetValue(NowOption) is { } nowText && !DateTimeOffset.TryParse(nowText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out now))
                return Fail($"--now '{nowText}' is not an ISO-8601 time, e.g. 2026-11-27T12:00:00Z");

            // The stack's cloud (and, for a local stack, the running local cloud), resolved once for both reads below.
            var config = repository is null ? null : await stackConfig(parse, ct);
            using var aws = config is null ? null : ConnectionFor(config);
            List<LifecycleImage> images;
            try
            {
                images = imagesFile is not null
                    ? ReadImagesFile(imagesFile)
                    : await ReadRepositoryAsync(aws!, repository!, ct);
            }
            catch (Exception e) when (e is JsonException or IOException or FormatException) { return Fail($"cannot read the images: {e.Message}"); }
            catch (AwsException e) { return Fail(e.Message, ExitCodes.Failed); }

            var result = LifecycleEvaluator.Evaluate(policy, images, now);
            if (parse.GetValue(JsonOption)) PrintJson(result);
            else PrintHuman(policy, result, imagesFile?.Name ?? repository!, now);
            if (repository is not null && result.Expire.Count > 0)
            {
                // Protect what is deployed: say which expiring images ACTIVE ECS task definitions still run.
                var deployed = await DeployedImageGuard.FindExpiringAsync(aws!, repository, policy.ToCanonicalJson(), ct);
                if (deployed.Count > 0) Console.Error.WriteLine("warning: " + DeployedImageGuard.Describe(repository, deployed));
            }
            return ExitCodes.Success;
        }));
        var lifecycle = new Command("lifecycle", "ECR lifecycle policy tools");
        lifecycle.Subcommands.Add(preview);
        return lifecycle;
    }

    private static int Fail(string message, int code = ExitCodes.BadInput)
    {
        Console.Error.WriteLine("error: " + message);
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

    private static void PrintJson(LifecycleEvaluation result) => Console.WriteLine(JsonSerializer.Serialize(new
    {
        expire = result.Expire.Select(e => new { imageDigest = e.Image.Digest, imageTags = e.Image.Tags, appliedRulePriority = e.AppliedRulePriority }),
        keep = result.Keep.Select(k => new { imageDigest = k.Digest, imageTags = k.Tags }),
    }));

    private static void PrintHuman(LifecyclePolicy policy, LifecycleEvaluation result, string source, DateTimeOffset now)
    {
        string Tags(IReadOnlyList<string> tags) => tags.Count == 0 ? "<untagged>" : string.Join(", ", tags);
        Console.WriteLine($"Lifecycle preview of {source} as of {now:u}: {result.Expire.Count} to expire, {result.Keep.Count} to keep");
        Console.WriteLine();
        Console.WriteLine("Expire:");
        foreach (var group in result.Expire.GroupBy(e => e.AppliedRulePriority).OrderBy(g => g.Key))
        {
            var rule = policy.Rules.First(r => r.RulePriority == group.Key);
            Console.WriteLine($"  rule {group.Key}{(rule.Description is { } d ? $" ({d})" : "")}:");
            foreach (var e in group) Console.WriteLine($"    - {e.Image.Digest}  {Tags(e.Image.Tags)}  pushed {e.Image.PushedAt:u}");
        }
        if (result.Expire.Count == 0) Console.WriteLine("  nothing");
        Console.WriteLine();
        Console.WriteLine("Keep:");
        foreach (var k in result.Keep) Console.WriteLine($"      {k.Digest}  {Tags(k.Tags)}  pushed {k.PushedAt:u}");
        if (result.Keep.Count == 0) Console.WriteLine("  nothing");
    }
}
