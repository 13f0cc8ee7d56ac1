using EcrAutomation.Testing.Infrastructure;

namespace EcrAutomation.Awsx.Tests.Images;

/// <summary>The result of running a tool.</summary>
public sealed record ToolResult(int ExitCode, string StandardOutput, string StandardError);

/// <summary>
/// A private Docker engine (<see cref="DockerEngineProcess"/>: vfs storage, no bridge or iptables, its own socket in a
/// temp folder) for a test class. Fails loudly when dockerd or the docker client is missing.
/// </summary>
public sealed class DockerEngineFixture : IAsyncLifetime
{
    private DockerEngineProcess? _engine;

    public string Root => Engine.Root;

    public string Host => Engine.Host;

    private DockerEngineProcess Engine => _engine ?? throw new InvalidOperationException("the Docker engine has not started");

    public async Task InitializeAsync()
    {
        TestEnvironment.Apply();
        _engine = await DockerEngineProcess.StartAsync("awsx-dockerd-");
    }

    /// <summary>Runs the docker client against this engine.</summary>
    public Task<ToolResult> DockerAsync(params string[] arguments) => DockerWithInputAsync(null, arguments);

    public async Task<ToolResult> DockerWithInputAsync(string? stdin, params string[] arguments)
    {
        var result = await Engine.RunWithInputAsync(stdin, arguments);
        return new ToolResult(result.ExitCode, result.StdOut, result.StdErr);
    }

    public async Task DisposeAsync()
    {
        if (_engine is not null)
        {
            await _engine.DisposeAsync();
        }
    }
}
