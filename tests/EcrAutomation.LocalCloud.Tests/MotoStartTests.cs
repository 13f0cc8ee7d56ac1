using EcrAutomation.LocalCloud.Tests.Infrastructure;

namespace EcrAutomation.LocalCloud.Tests;

/// <summary>moto can fail to start (e.g. under load): the local cloud retries on a fresh port and reports moto's output.</summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class MotoStartTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("localcloud-moto-start-").FullName;

    [Fact]
    public async Task MotoExitsOnFirstStart_RetriedAndServes()
    {
        var moto = Tool.Require("moto_server", "python3-moto (pip install 'moto[server]')");
        var executable = FlakyMoto($"[ \"$n\" -eq 1 ] && {{ echo 'simulated: address already in use' >&2; exit 1; }}; exec '{moto}' \"$@\"");

        await using var server = await StartAsync(executable);

        (await server.IsMotoAvailableAsync()).ShouldBeTrue(server.MotoFailureReason);
        Attempts().ShouldBe(2);
        var identity = await AwsCli.JsonAsync(AwsCli.V1, server.Endpoint, "sts", "get-caller-identity");
        identity["Account"]!.GetValue<string>().ShouldBe(server.AccountId);
    }

    [Fact]
    public async Task MotoExitsOnEveryStart_BoundedRetriesThenReportsItsStderr()
    {
        var executable = FlakyMoto("echo \"simulated failure $n: no module named werkzeug\" >&2; exit 1");

        await using var server = await StartAsync(executable);

        (await server.IsMotoAvailableAsync()).ShouldBeFalse();
        Attempts().ShouldBe(3);
        server.MotoFailureReason.ShouldNotBeNull();
        server.MotoFailureReason.ShouldContain("failed to start 3 times");
        server.MotoFailureReason.ShouldContain("exited with code 1");
        server.MotoFailureReason.ShouldContain("simulated failure 3: no module named werkzeug");
        var sts = await AwsCli.RunAsync(AwsCli.V1, server.Endpoint, "sts", "get-caller-identity");
        sts.ExitCode.ShouldNotBe(0);
        sts.StdErr.ShouldContain("simulated failure 3: no module named werkzeug");
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private Task<LocalCloudServer> StartAsync(string motoExecutable) => LocalCloudServer.StartAsync(new LocalCloudOptions
    {
        Port = 0,
        DataDirectory = Path.Combine(_folder, "data"),
        MotoServerExecutable = motoExecutable,
    });

    /// <summary>A stand-in moto_server that counts its starts in <c>attempts</c> ($n) and then runs <paramref name="body"/>.</summary>
    private string FlakyMoto(string body)
    {
        var path = Path.Combine(_folder, "moto_server");
        File.WriteAllText(path, $"#!/bin/sh\nn=$(( $(cat '{_folder}/attempts' 2>/dev/null || echo 0) + 1 ))\necho $n > '{_folder}/attempts'\n{body}\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }

    private int Attempts() => int.Parse(File.ReadAllText(Path.Combine(_folder, "attempts")).Trim(), System.Globalization.CultureInfo.InvariantCulture);
}
