using EcrAutomation.Kubernetes.Generator;

namespace EcrAutomation.Kubernetes.Tests.Types;

/// <summary>The checked-in generated code is exactly what the generator writes, so nobody edits it by hand.</summary>
public sealed class GeneratedCodeTests : IDisposable
{
    private const string Regenerate = "dotnet run --project tools/EcrAutomation.Kubernetes.Generator -- src/EcrAutomation.Kubernetes";

    private readonly string _temp = Directory.CreateTempSubdirectory("ecra-k8s-generated-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    private static string ProjectFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "EcrAutomation.sln"))) return Path.Combine(dir.FullName, "src", "EcrAutomation.Kubernetes");
        throw new InvalidOperationException("Cannot find the repository (EcrAutomation.sln) above the test assembly.");
    }

    private static Dictionary<string, string> GeneratedFilesIn(string folder) =>
        KubernetesCodeGenerator.FindGenerated(folder).ToDictionary(p => Path.GetRelativePath(folder, p), File.ReadAllText, StringComparer.Ordinal);

    [Fact]
    public void CheckedInGeneratedFiles_AreExactlyWhatTheGeneratorWrites()
    {
        var (written, removed) = KubernetesCodeGenerator.WriteTo(_temp, new KubernetesCodeGenerator().Generate());
        removed.ShouldBe(0);

        var expected = GeneratedFilesIn(_temp);
        var checkedIn = GeneratedFilesIn(ProjectFolder());

        expected.Count.ShouldBe(written);
        expected.Keys.Except(checkedIn.Keys).ShouldBeEmpty($"generated files are missing from the project; run {Regenerate}");
        checkedIn.Keys.Except(expected.Keys).ShouldBeEmpty($"the project has generated files the generator no longer writes; run {Regenerate}");
        expected.Where(kv => checkedIn[kv.Key] != kv.Value).Select(kv => kv.Key)
            .ShouldBeEmpty($"generated files differ from the generator's output (edited by hand?); change the generator and run {Regenerate}");
    }

    [Fact]
    public void Generator_RemovesGeneratedFilesItNoLongerWrites_AndLeavesHandWrittenOnes()
    {
        var files = new KubernetesCodeGenerator().Generate();
        KubernetesCodeGenerator.WriteTo(_temp, files);
        var stale = Path.Combine(_temp, "Core", "V1", "Pod.cs");
        File.WriteAllText(stale, $"{GeneratedFile.Marker} from an older list of kinds; do not edit.\n");
        var handWritten = Path.Combine(_temp, "Provider.cs");
        File.WriteAllText(handWritten, "namespace EcrAutomation.Kubernetes;\n");

        var (written, removed) = KubernetesCodeGenerator.WriteTo(_temp, files);

        (written, removed).ShouldBe((0, 1));
        File.Exists(stale).ShouldBeFalse();
        File.Exists(handWritten).ShouldBeTrue();
    }
}
