using System.Runtime.InteropServices;
using EcrAutomation.Cli.Display;

namespace EcrAutomation.Cli;

/// <summary>
/// Ctrl+C, SIGINT and SIGTERM cancel the running command and wait for it to finish, however long the engine's grace
/// period takes, so the report, the state and the lock end cleanly. (System.CommandLine's own handling ends the process
/// after a fixed timeout, mid-save.) A second Ctrl+C ends the process at once, like Pulumi's.
/// </summary>
internal sealed class Termination : IDisposable
{
    private readonly CancellationTokenSource _cancel = new();
    private readonly PosixSignalRegistration[] _registrations;
    private readonly CliConsole _console;

    public Termination(CliConsole console)
    {
        _console = console;
        _registrations = [PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal), PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal)];
    }

    public CancellationToken Token => _cancel.Token;

    private void OnSignal(PosixSignalContext context)
    {
        if (_cancel.IsCancellationRequested)
        {
            if (context.Signal == PosixSignal.SIGINT) _console.Error.WriteLine("^C received again; stopping now: run `ecr-automation cancel` if the stack stays locked.");
            return; // the default action ends the process
        }
        context.Cancel = true;
        _console.Error.WriteLine(context.Signal == PosixSignal.SIGINT
            ? "^C received; canceling. If you would like to terminate immediately, press ^C again."
            : "SIGTERM received; canceling.");
        _cancel.Cancel();
    }

    public void Dispose()
    {
        foreach (var r in _registrations) r.Dispose();
        _cancel.Dispose();
    }
}
