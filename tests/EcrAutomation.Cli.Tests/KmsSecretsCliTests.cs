using EcrAutomation.Testing.Infrastructure;

namespace EcrAutomation.Cli.Tests;

/// <summary>moto's KMS with two keys (aliases <c>team-secrets</c> and <c>other-secrets</c>) for <see cref="KmsSecretsCliTests"/>.</summary>
public sealed class CliKmsFixture : IAsyncLifetime
{
    public MotoKms Kms { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Kms = await MotoKms.StartAsync();
        await Kms.CreateKeyAsync("team-secrets");
        await Kms.CreateKeyAsync("other-secrets");
    }

    public async Task DisposeAsync() => await Kms.DisposeAsync();
}

public sealed class KmsSecretsCliTests(CliKmsFixture keys) : IClassFixture<CliKmsFixture>, IDisposable
{
    private const string Secret = "cli-kms-secret-value";
    private readonly CliRunner _cli = new();

    public void Dispose() => _cli.Dispose();

    private string ConfigFile => Path.Combine(_cli.ProjectDir, "stacks", "Pulumi.dev.yaml");

    private IEnumerable<(string Path, string Text)> AllFiles() =>
        Directory.EnumerateFiles(_cli.Root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal).Select(p => (p, File.ReadAllText(p)));

    private async Task<CliRunner.Result> RunOkAsync(params string[] args)
    {
        var result = await _cli.RunAsync(args);
        result.ExitCode.ShouldBe(0, $"{string.Join(' ', args)}\n{result.Stdout}\n{result.Stderr}");
        return result;
    }

    [Fact]
    public async Task StackInitWithAwsKms_SecretConfigAndUp_ThenChangeSecretsProviderToAnotherKeyAndToPassphrase()
    {
        var team = keys.Kms.Url("alias/team-secrets");
        (await RunOkAsync("stack", "init", "dev", "--secrets-provider", team)).Stdout.ShouldContain("Created stack 'dev'");
        File.ReadAllText(ConfigFile).ShouldContain($"secretsprovider: \"{team}\"\nencryptedkey: ");
        await RunOkAsync("config", "set", "token", Secret, "--secret", "--stack", "dev");
        await RunOkAsync("up", "--stack", "dev", "--yes");
        (await RunOkAsync("config", "get", "token", "--stack", "dev")).Stdout.Trim().ShouldBe(Secret);

        var other = keys.Kms.Url("alias/other-secrets");
        (await RunOkAsync("stack", "change-secrets-provider", other, "--stack", "dev")).Stdout.ShouldContain("Migrating old configuration and state to new secrets provider");
        File.ReadAllText(ConfigFile).ShouldContain($"secretsprovider: \"{other}\"");
        (await RunOkAsync("config", "get", "token", "--stack", "dev")).Stdout.Trim().ShouldBe(Secret);
        await RunOkAsync("up", "--stack", "dev", "--yes");

        await RunOkAsync("stack", "change-secrets-provider", "passphrase", "--stack", "dev");
        var file = File.ReadAllText(ConfigFile);
        file.ShouldContain("encryptionsalt: v1:");
        file.ShouldNotContain("secretsprovider");
        (await RunOkAsync("config", "get", "token", "--stack", "dev")).Stdout.Trim().ShouldBe(Secret);
        foreach (var (path, text) in AllFiles()) text.ShouldNotContain(Secret, customMessage: path);
    }

    [Fact]
    public async Task MissingKeyUnreachableKmsOrUnsupportedProvider_ExitTwoWithTheReason_AndChangeNothing()
    {
        await RunOkAsync("stack", "init", "dev", "--secrets-provider", keys.Kms.Url("alias/team-secrets"));
        await RunOkAsync("config", "set", "token", Secret, "--secret", "--stack", "dev");
        await RunOkAsync("up", "--stack", "dev", "--yes");
        var before = AllFiles().ToList();

        var missing = await _cli.RunAsync("stack", "change-secrets-provider", keys.Kms.Url("alias/no-such-key"), "--stack", "dev");
        missing.ExitCode.ShouldBe(2, missing.Stderr);
        missing.Stderr.ShouldContain("KMS key 'alias/no-such-key'");
        missing.Stderr.ShouldContain("does not exist");

        var port = FreePort.Next();
        var unreachable = await _cli.RunAsync("stack", "change-secrets-provider", $"awskms://alias/team-secrets?region=us-east-1&endpoint=http://127.0.0.1:{port}", "--stack", "dev");
        unreachable.ExitCode.ShouldBe(2, unreachable.Stderr);
        unreachable.Stderr.ShouldContain($"KMS at http://127.0.0.1:{port} could not be reached");

        var unsupported = await _cli.RunAsync("stack", "init", "prod", "--secrets-provider", "hashivault://mykey");
        unsupported.ExitCode.ShouldBe(2, unsupported.Stderr);
        unsupported.Stderr.ShouldContain("secrets provider 'hashivault://mykey' is not supported");

        AllFiles().ToList().ShouldBe(before);

        // The stack's own key gone from reach: up stops before taking the lock or writing anything.
        File.WriteAllText(ConfigFile, File.ReadAllText(ConfigFile).Replace(keys.Kms.Endpoint.ToString().TrimEnd('/'), $"http://127.0.0.1:{port}"));
        var changed = AllFiles().ToList();
        var up = await _cli.RunAsync("up", "--stack", "dev", "--yes");
        up.ExitCode.ShouldBe(2, up.Stderr);
        up.Stderr.ShouldContain("could not be reached");
        AllFiles().ToList().ShouldBe(changed);
    }
}
