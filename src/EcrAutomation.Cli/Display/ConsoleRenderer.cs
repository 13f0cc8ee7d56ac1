using System.Threading.Channels;
using EcrAutomation.Automation.Display;
using EcrAutomation.Events;
using Spectre.Console;

namespace EcrAutomation.Cli.Display;

/// <summary>How an operation is shown: a live redrawn tree on a terminal, progress lines when redirected, or NDJSON events.</summary>
internal enum DisplayMode { Live, Plain, Json }

/// <summary>
/// The one consumer of an operation's output: everything the operation shows goes through here, from a single reader
/// of an event channel, so nothing else writes to the console while it runs.
/// </summary>
internal sealed class ConsoleRenderer : IAsyncDisposable
{
    private static readonly TimeSpan RedrawInterval = TimeSpan.FromMilliseconds(100);
    private readonly Channel<(EngineEvent? Event, string? Line)> _channel = Channel.CreateUnbounded<(EngineEvent?, string?)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly DisplayMode _mode;
    private readonly Task _reader;
    private readonly ProgressReport? _live;

    public ConsoleRenderer(DisplayMode mode, string stack, string action, bool isPreview)
    {
        _mode = mode;
        if (mode == DisplayMode.Live) _live = new ProgressReport(stack, action, isPreview);
        _reader = mode == DisplayMode.Live ? Task.Run(RenderLiveAsync) : Task.Run(RenderStreamAsync);
    }

    public static DisplayMode Choose(bool json) =>
        json ? DisplayMode.Json : Console.IsOutputRedirected || Environment.GetEnvironmentVariable("TERM") is null or "dumb" ? DisplayMode.Plain : DisplayMode.Live;

    /// <summary>For <see cref="Automation.UpdateOptions.OnEvent"/>.</summary>
    public Action<EngineEvent>? OnEvent => _mode is DisplayMode.Json or DisplayMode.Live ? e => _channel.Writer.TryWrite((e, null)) : null;

    /// <summary>For <see cref="Automation.UpdateOptions.OnStandardOutput"/> (plain mode only: live mode draws from events).</summary>
    public Action<string>? OnStandardOutput => _mode == DisplayMode.Plain ? l => _channel.Writer.TryWrite((null, l)) : null;

    /// <summary>The final report text the Automation API produced, printed after the live tree in live mode.</summary>
    public string? FinalReport { get; set; }

    private async Task RenderStreamAsync()
    {
        await foreach (var (e, line) in _channel.Reader.ReadAllAsync())
        {
            if (e is not null) Console.Out.WriteLine(EngineEventJson.Serialize(e));
            else if (line is not null) Console.Out.WriteLine(line);
        }
    }

    private async Task RenderLiveAsync()
    {
        AnsiConsole.MarkupLine($"[bold]{Markup.Escape(_live!.Header)}[/]");
        AnsiConsole.WriteLine();
        await AnsiConsole.Live(new Text("")).AutoClear(true).StartAsync(async ctx =>
        {
            var last = DateTime.MinValue;
            while (await _channel.Reader.WaitToReadAsync())
            {
                while (_channel.Reader.TryRead(out var item))
                    if (item.Event is not null) _live.Apply(item.Event);
                if (DateTime.UtcNow - last < RedrawInterval) { await Task.Delay(RedrawInterval); }
                ctx.UpdateTarget(new Text(_live.RenderTreeOnly()));
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
            Console.Out.WriteLine(string.Join('\n', lines).TrimEnd());
        }
    }
}
