using System.Threading.Channels;
using EcrAutomation.Automation;
using EcrAutomation.Automation.Display;
using EcrAutomation.Events;
using Spectre.Console;

namespace EcrAutomation.Cli.Display;

/// <summary>
/// The one consumer of an operation's output: everything the operation shows goes through here, from a single reader
/// of an event channel, so nothing else writes to the console while it runs.
/// </summary>
internal sealed class ConsoleRenderer : IAsyncDisposable
{
    private static readonly TimeSpan RedrawInterval = TimeSpan.FromMilliseconds(100);
    private readonly Channel<(EngineEvent? Event, string? Line)> _channel = Channel.CreateUnbounded<(EngineEvent?, string?)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly TaskCompletionSource<ProgressReport> _report = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CliConsole _console;
    private readonly DisplayMode _mode;
    private readonly Task _reader;

    public ConsoleRenderer(CliConsole console, bool json)
    {
        _console = console;
        _mode = json ? DisplayMode.Json : console.IsTerminal ? DisplayMode.Live : DisplayMode.Plain;
        _reader = _mode == DisplayMode.Live ? Task.Run(RenderLiveAsync) : Task.Run(RenderStreamAsync);
    }

    /// <summary>For <see cref="UpdateOptions.OnEvent"/>.</summary>
    public Action<EngineEvent>? OnEvent => _mode is DisplayMode.Json or DisplayMode.Live ? e => _channel.Writer.TryWrite((e, null)) : null;

    /// <summary>For <see cref="UpdateOptions.OnProgressReport"/> (live mode only: the live tree is the run's own report).</summary>
    public Action<ProgressReport>? OnProgressReport => _mode == DisplayMode.Live ? r => _report.TrySetResult(r) : null;

    /// <summary>For <see cref="UpdateOptions.OnStandardOutput"/> (plain mode only: live mode draws from events).</summary>
    public Action<string>? OnStandardOutput => _mode == DisplayMode.Plain ? l => _channel.Writer.TryWrite((null, l)) : null;

    /// <summary>The final report text the Automation API produced, printed after the live tree in live mode.</summary>
    public string? FinalReport { get; set; }

    private async Task RenderStreamAsync()
    {
        await foreach (var (e, line) in _channel.Reader.ReadAllAsync())
        {
            if (e is not null) _console.WriteLine(EngineEventJson.Serialize(e));
            else if (line is not null) _console.WriteLine(line);
        }
    }

    private async Task RenderLiveAsync()
    {
        // The run hands over its report before its first event; a run that stops before it starts never does.
        if (await Task.WhenAny(_report.Task, _channel.Reader.Completion) != _report.Task) return;
        var live = await _report.Task;
        var ansi = _console.Ansi;
        ansi.MarkupLine($"[bold]{Markup.Escape(live.Header)}[/]");
        ansi.WriteLine();
        await ansi.Live(new Text("")).AutoClear(true).StartAsync(async ctx =>
        {
            var last = DateTime.MinValue;
            // Events only wake the redraw: the Automation API applies them to the report.
            while (await _channel.Reader.WaitToReadAsync())
            {
                while (_channel.Reader.TryRead(out _)) { }
                if (DateTime.UtcNow - last < RedrawInterval) { await Task.Delay(RedrawInterval); }
                ctx.UpdateTarget(new Text(live.RenderTreeOnly()));
                last = DateTime.UtcNow;
            }
        });
    }

    public async ValueTask DisposeAsync()
    {
        _channel.Writer.TryComplete();
        await _reader;
        if (_mode == DisplayMode.Live && FinalReport is not null)
        {
            // The final report without its header (already printed above the live area).
            var lines = FinalReport.Split('\n').SkipWhile(l => !l.StartsWith("     Type", StringComparison.Ordinal));
            _console.WriteLine(string.Join('\n', lines).TrimEnd());
        }
    }
}
