using System.Security.Cryptography;
using EcrAutomation.LocalCloud;

namespace EcrAutomation.Cli.Tests;

/// <summary>
/// One deployed stack to copy into every case, and one ECR-only local cloud (no moto) shared by the cases that reach a
/// cloud, so the corpus starts no server per case.
/// </summary>
public sealed class BadInputCorpusFixture : IAsyncLifetime
{
    public CliRunner Template { get; } = new();
    public LocalCloudServer Cloud { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Cloud = await LocalCloudServer.StartAsync(new LocalCloudOptions { Port = 0, DataDirectory = Path.Combine(Template.Root, "cloud"), StartMoto = false, WriteStateFile = false });
        var up = await Template.RunAsync("up", "--stack", "dev", "--yes");
        up.ExitCode.ShouldBe(0, up.Stdout + up.Stderr);
    }

    public async Task DisposeAsync()
    {
        await Cloud.DisposeAsync();
        Template.Dispose();
    }
}

/// <summary>
/// The bad-input corpus (<see cref="BadInputCases"/>): every case runs the real CLI against a project with a deployed
/// stack, must exit non-zero (2 where the input is the user's) with a message naming the problem, and must leave the
/// state folder (<c>$ECR_AUTOMATION_HOME/.pulumi</c>) and the project folder (Pulumi.yaml, stacks/, app/) byte-identical.
/// </summary>
public sealed class BadInputCorpusTests(BadInputCorpusFixture fixture) : IClassFixture<BadInputCorpusFixture>
{
    public static TheoryData<string> Cases => new(BadInputCases.All.Select(c => c.Id));

    [Fact]
    public void Corpus_CoversEveryCategory_WithAtLeast80DistinctCases()
    {
        BadInputCases.All.Count.ShouldBeGreaterThanOrEqualTo(80);
        BadInputCases.All.Select(c => c.Id).ShouldBeUnique();
        BadInputCases.All.Select(c => c.Category).Distinct().Order().ShouldBe(Enum.GetValues<BadInputCategory>().Order());
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task BadInput_IsRefused_NamingTheProblem_AndLeavesStateByteIdentical(string name)
    {
        var @case = BadInputCases.All.Single(c => c.Id == name);
        using var cli = new CliRunner(@case.StackConfig.Replace("{endpoint}", fixture.Cloud.Endpoint.ToString()));
        CopyDirectory(Path.Combine(fixture.Template.Home, ".pulumi"), Path.Combine(cli.Home, ".pulumi"));
        if (@case.Demo) DemoApp.CopyTo(cli.ProjectDir);
        foreach (var (path, content) in @case.Files)
        {
            var full = Path.Combine(cli.Root, path);
            if (content is null) File.Delete(full);
            else
            {
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                File.WriteAllText(full, content);
            }
        }
        foreach (var variable in @case.Unset) cli.Unset.Add(variable);
        var before = Snapshot(cli);

        var result = await cli.RunAsync([.. @case.Args.Select(a => a.Replace("{root}", cli.Root))]);

        var output = $"exit {result.ExitCode}\n{result.Stdout}\n{result.Stderr}";
        if (@case.ExitCode is { } exitCode) result.ExitCode.ShouldBe(exitCode, output);
        else result.ExitCode.ShouldNotBe(0, output);
        foreach (var fragment in @case.Messages) (result.Stdout + result.Stderr).ShouldContain(fragment, Case.Sensitive, output);
        result.Stderr.ShouldNotContain("   at ", Case.Sensitive, "a stack trace: " + output);
        Snapshot(cli).ShouldBe(before, "the state or project changed: " + output);
    }

    /// <summary>Every file of the state folder and the project folder, with its SHA-256.</summary>
    private static string Snapshot(CliRunner cli)
    {
        IEnumerable<string> Files(string root) => Directory.Exists(root)
            ? Directory.GetFiles(root, "*", SearchOption.AllDirectories).Select(f => $"{Path.GetRelativePath(cli.Root, f)} {Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f)))}")
            : [];
        return string.Join('\n', Files(Path.Combine(cli.Home, ".pulumi")).Concat(Files(cli.ProjectDir)).Order(StringComparer.Ordinal));
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
