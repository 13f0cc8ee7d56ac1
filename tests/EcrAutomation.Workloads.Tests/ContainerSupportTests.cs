namespace EcrAutomation.Workloads.Tests;

/// <summary>The probe says in one sentence why containers cannot run and what fixes it.</summary>
public sealed class ContainerSupportTests
{
    [Fact]
    public void Probe_NotRoot_SaysRootIsNeededAndHowToGetIt()
    {
        var support = ContainerSupport.Probe(Environment.GetEnvironmentVariable("PATH"), isRoot: false);

        support.CanRun.ShouldBeFalse();
        support.Reason.ShouldBe("Containers cannot run: containers need root (network namespaces, veth pairs and runc); run the local cloud as root (for example with sudo) to run tasks and pods.");
    }

    [Fact]
    public void Probe_ToolsMissingFromPath_NamesThemAndTheInstallScript()
    {
        var empty = Directory.CreateTempSubdirectory("ecra-nopath-");
        try
        {
            var support = ContainerSupport.Probe(empty.FullName, isRoot: true);

            support.CanRun.ShouldBeFalse();
            support.Reason.ShouldBe("Containers cannot run: runc, umoci, ip are not on PATH; install them with scripts/install-prerequisites.sh (apt-get install runc umoci iproute2) to run tasks and pods.");
        }
        finally
        {
            empty.Delete();
        }
    }

    [Fact]
    public void Probe_AsRootWithTheTools_CanRun_AndLeavesNoProbeNamespace()
    {
        var support = ContainerSupport.Probe();

        (support.CanRun, support.Reason).ShouldBe((true, null), "the test machine runs the suite as root with runc, umoci and ip installed");
        File.Exists($"/run/netns/ecraprobe{Environment.ProcessId}").ShouldBeFalse();
        Directory.EnumerateFiles("/run/netns", $"ecraprobe{Environment.ProcessId}-*").ShouldBeEmpty();
    }

    [Fact]
    public async Task StartAsync_WhenContainersCannotRun_ThrowsWithTheProbesReason()
    {
        // The host's own checks of its options come first; an invalid prefix is refused before anything is made.
        var error = await Should.ThrowAsync<ArgumentException>(() => ContainerHost.StartAsync(
            new ContainerHostOptions { StateDirectory = Path.GetTempPath(), NamePrefix = "has-dash", Images = new Testing.Infrastructure.OciLayoutImageStore(Path.GetTempPath()) },
            Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance));

        error.Message.ShouldContain("must be 1 to 8 letters or digits");
    }
}
