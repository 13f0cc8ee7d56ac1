using System.Diagnostics;
using EcrAutomation.LocalCloud.Tests.Infrastructure;

namespace EcrAutomation.LocalCloud.Tests;

/// <summary>What <c>local start|status|stop</c> do: a local cloud in another process, found and stopped through its state file.</summary>
public sealed class DetachedProcessTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("localcloud-detached-").FullName;

    [Fact]
    public async Task StartDetached_StatusThenStop_ProcessExitsAndStateFileRemoved()
    {
        var startInfo = new ProcessStartInfo("dotnet");
        startInfo.ArgumentList.Add("exec");
        startInfo.ArgumentList.Add(typeof(TestHostProgram).Assembly.Location);
        startInfo.ArgumentList.Add("serve-local-cloud");
        startInfo.ArgumentList.Add(_data);

        var state = await LocalCloudProcess.StartDetachedAsync(startInfo, _data, TimeSpan.FromSeconds(60));
        try
        {
            state.ProcessId.ShouldNotBe(Environment.ProcessId);
            state.DataDirectory.ShouldBe(_data);
            var status = await LocalCloudProcess.FindRunningAsync(_data);
            status.ShouldNotBeNull();
            status.Endpoint.ShouldBe(state.Endpoint);

            await Should.ThrowAsync<InvalidOperationException>(() => LocalCloudProcess.StartDetachedAsync(startInfo, _data, TimeSpan.FromSeconds(5)));
            var created = await AwsCli.JsonAsync(AwsCli.V2, state.Endpoint, "ecr", "create-repository", "--repository-name", "detached/app");
            created["repository"]!["repositoryUri"]!.GetValue<string>().ShouldBe($"{state.RegistryHost}/detached/app");
        }
        finally
        {
            (await LocalCloudProcess.StopAsync(_data, TimeSpan.FromSeconds(20))).ShouldBeTrue();
        }

        using (var process = TryGetProcess(state.ProcessId))
        {
            (process is null || process.HasExited).ShouldBeTrue();
        }

        (await LocalCloudProcess.FindRunningAsync(_data)).ShouldBeNull();
        File.Exists(LocalCloudState.PathFor(_data)).ShouldBeFalse();
    }

    private static Process? TryGetProcess(int id)
    {
        try
        {
            return Process.GetProcessById(id);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    public void Dispose() => Directory.Delete(_data, recursive: true);
}
