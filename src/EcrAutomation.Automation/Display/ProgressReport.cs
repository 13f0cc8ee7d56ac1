using System.Globalization;
using System.Text;
using EcrAutomation.Events;

namespace EcrAutomation.Automation.Display;

/// <summary>
/// Builds Pulumi's console report from the event stream: the Type/Name/Status tree with +/~/-/+- markers,
/// diagnostics, outputs, the <c>Resources:</c> summary and <c>Duration:</c>. One instance consumes one operation's events.
/// </summary>
public sealed class ProgressReport
{
    private readonly object _gate = new();
    private readonly List<Row> _rows = [];
    private readonly Dictionary<string, Row> _byUrn = new(StringComparer.Ordinal);
    private readonly List<DiagnosticEvent> _diagnostics = [];
    private SummaryEvent? _summary;

    /// <summary>Starts a report for one operation.</summary>
    /// <param name="stack">The stack's name, shown in the header.</param>
    /// <param name="kind">Update (or preview), refresh or destroy.</param>
    /// <param name="isPreview">Whether the operation only plans (then the tree shows the plan and the summary says "to create").</param>
    /// <exception cref="ArgumentException"><paramref name="kind"/> is an operation the engine does not run.</exception>
    public ProgressReport(string stack, UpdateKind kind, bool isPreview)
    {
        if (kind is not (UpdateKind.Update or UpdateKind.Preview or UpdateKind.Refresh or UpdateKind.Destroy))
            throw new ArgumentException($"a progress report is for an update, preview, refresh or destroy, not '{WireNames.Of(kind)}'", nameof(kind));
        Stack = stack;
        Kind = kind == UpdateKind.Preview ? UpdateKind.Update : kind;
        IsPreview = isPreview || kind == UpdateKind.Preview;
    }

    /// <summary>The stack's name.</summary>
    public string Stack { get; }
    /// <summary>The operation reported: <see cref="UpdateKind.Update"/> (also for a preview), <see cref="UpdateKind.Refresh"/> or <see cref="UpdateKind.Destroy"/>.</summary>
    public UpdateKind Kind { get; }
    /// <summary>Whether the operation only plans.</summary>
    public bool IsPreview { get; }
    /// <summary>Stack outputs to print (null: none).</summary>
    public IReadOnlyDictionary<string, (object? Value, bool IsSecret)>? Outputs { get; set; }
    /// <summary>Show secret outputs instead of <c>[secret]</c>.</summary>
    public bool ShowSecrets { get; set; }
    /// <summary>Print property-level changes of each step (<c>--diff</c>).</summary>
    public bool ShowDiff { get; set; }

    private sealed class Row
    {
        public required string Urn { get; init; }
        public required string Type { get; init; }
        public required string Name { get; init; }
        public string? Parent { get; set; }
        public OperationType Op { get; set; } = OperationType.Same;
        public bool Done { get; set; }
        public bool Failed { get; set; }
        public DateTimeOffset Started { get; set; }
        public TimeSpan? Elapsed { get; set; }
        public long StartedTicks { get; set; }
        public int Messages { get; set; }
    }

    /// <summary>The first line, as Pulumi prints it: <c>Updating (dev):</c>, <c>Previewing destroy (dev):</c>, ...</summary>
    public string Header => (IsPreview, Kind) switch
    {
        (false, UpdateKind.Update) => $"Updating ({Stack}):",
        (true, UpdateKind.Update) => $"Previewing update ({Stack}):",
        (false, UpdateKind.Refresh) => $"Refreshing ({Stack}):",
        (true, UpdateKind.Refresh) => $"Previewing refresh ({Stack}):",
        (false, _) => $"Destroying ({Stack}):",
        _ => $"Previewing destroy ({Stack}):",
    };

    /// <summary>Whether <see cref="Apply"/> returned any progress line (then a blank line separates them from the final report).</summary>
    public bool ShowedProgress { get; private set; }

    /// <summary>Consumes an event; returns a one-line progress message for plain output, or null.</summary>
    public string? Apply(EngineEvent e)
    {
        lock (_gate)
        {
            var line = Progress(e);
            ShowedProgress |= line is not null;
            return line;
        }
    }

    private string? Progress(EngineEvent e)
    {
        switch (e)
        {
            case ResourcePreEvent pre:
                {
                    var row = RowFor(pre.Metadata);
                    row.Op = Merge(row.Op, pre.Metadata.Op);
                    row.Started = DateTimeOffset.FromUnixTimeSeconds(e.Timestamp);
                    row.StartedTicks = Environment.TickCount64;
                    return ShowDiff ? DiffBlock(pre.Metadata) : null;
                }
            case ResourceOutputsEvent outputs:
                {
                    var row = RowFor(outputs.Metadata);
                    row.Op = Merge(row.Op, outputs.Metadata.Op);
                    row.Done = true;
                    row.Elapsed = TimeSpan.FromMilliseconds(Environment.TickCount64 - row.StartedTicks);
                    return row.Op == OperationType.Same || outputs.Metadata.Op is OperationType.CreateReplacement or OperationType.DeleteReplaced ? null
                        : $" {Marker(row.Op)}  {TypeToken.DisplayName(row.Type)} {row.Name} {Status(row)}";
                }
            case ResourceOperationFailedEvent failed:
                {
                    var row = RowFor(failed.Metadata);
                    row.Failed = true;
                    return null;
                }
            case DiagnosticEvent d:
                _diagnostics.Add(d);
                if (d.Urn is not null && _byUrn.TryGetValue(d.Urn, out var r)) r.Messages++;
                return d.Severity == DiagnosticSeverity.Error ? $" error: {d.Message}" : null;
            case SummaryEvent s:
                _summary = s;
                return null;
            default:
                return null;
        }
    }

    /// <summary>Pulumi's detailed diff block for one step: header, URN, then changed properties.</summary>
    private static string? DiffBlock(StepEventMetadata m)
    {
        if (m.Op is OperationType.Same or OperationType.Refresh or OperationType.CreateReplacement or OperationType.DeleteReplaced) return null; // a replacement shows one block
        var sb = new StringBuilder();
        var marker = Marker(m.Op).TrimEnd();
        sb.Append("  ").Append(marker).Append(' ').Append(m.Type).Append(": (").Append(WireNames.Of(m.Op)).Append(")\n");
        sb.Append("      [urn=").Append(m.Urn).Append("]\n");
        var olds = m.Old?.Inputs ?? new Dictionary<string, object?>();
        var news = m.New?.Inputs ?? new Dictionary<string, object?>();
        IEnumerable<string> keys = m.Op switch
        {
            OperationType.Create or OperationType.CreateReplacement => news.Keys,
            OperationType.Delete or OperationType.DeleteReplaced => olds.Keys,
            _ => m.Diffs ?? m.DetailedDiff?.Keys ?? Enumerable.Empty<string>(),
        };
        foreach (var key in keys.Where(k => !k.StartsWith("__", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            olds.TryGetValue(key, out var o);
            news.TryGetValue(key, out var n);
            var replaces = m.Keys?.Contains(key) == true;
            switch (m.Op)
            {
                case OperationType.Create or OperationType.CreateReplacement: sb.Append("      + ").Append(key).Append(": ").Append(FormatValue(n)).Append('\n'); break;
                case OperationType.Delete or OperationType.DeleteReplaced: sb.Append("      - ").Append(key).Append(": ").Append(FormatValue(o)).Append('\n'); break;
                default:
                    sb.Append("    ").Append(replaces ? "+-" : " ~").Append(' ').Append(key).Append(": ").Append(FormatValue(o)).Append(" => ").Append(FormatValue(n))
                      .Append(replaces ? " (forces replacement)" : "").Append('\n');
                    break;
            }
        }
        return sb.ToString().TrimEnd('\n');
    }

    private Row RowFor(StepEventMetadata m)
    {
        if (_byUrn.TryGetValue(m.Urn, out var row)) return row;
        row = new Row { Urn = m.Urn, Type = m.Type, Name = Urns.Name(m.Urn), Parent = NullIfEmpty(m.New?.Parent) ?? NullIfEmpty(m.Old?.Parent) };
        _byUrn[m.Urn] = row;
        _rows.Add(row);
        return row;
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;

    private static OperationType Merge(OperationType current, OperationType next) => (current, next) switch
    {
        (OperationType.Replace, _) => OperationType.Replace,
        (_, OperationType.Replace or OperationType.CreateReplacement or OperationType.DeleteReplaced) => OperationType.Replace,
        (_, OperationType.Same) when current != OperationType.Same => current,
        _ => next,
    };

    /// <summary>Pulumi's two-character step prefix.</summary>
    public static string Marker(OperationType op) => op switch
    {
        OperationType.Create => "+ ",
        OperationType.Update or OperationType.Refresh => "~ ",
        OperationType.Delete => "- ",
        OperationType.Replace => "+-",
        OperationType.CreateReplacement => "++",
        OperationType.DeleteReplaced => "--",
        OperationType.Read => "> ",
        OperationType.Import => "= ",
        _ => "  ",
    };

    private string Status(Row row)
    {
        if (row.Failed) return Progressive(row.Op) is { Length: > 0 } doing ? $"**{doing} failed**" : "**failed**";
        if (IsPreview) return row.Op == OperationType.Same ? "" : WireNames.Of(row.Op);
        if (!row.Done) return Progressive(row.Op);
        var past = row.Op switch
        {
            OperationType.Create => "created",
            OperationType.Update => "updated",
            OperationType.Delete => "deleted",
            OperationType.Replace => "replaced",
            OperationType.Refresh => "refreshed",
            OperationType.Import => "imported",
            OperationType.Read => "read",
            _ => "",
        };
        if (past.Length == 0) return "";
        var elapsed = row.Elapsed ?? TimeSpan.Zero;
        return elapsed.TotalSeconds >= 1 ? $"{past} ({Math.Round(elapsed.TotalSeconds)}s)" : $"{past} ({elapsed.TotalSeconds.ToString("0.##", CultureInfo.InvariantCulture)}s)";
    }

    private static string Progressive(OperationType op) => op switch
    {
        OperationType.Create => "creating",
        OperationType.Update => "updating",
        OperationType.Delete => "deleting",
        OperationType.Replace => "replacing",
        OperationType.Refresh => "refreshing",
        OperationType.Import => "importing",
        _ => "",
    };

    /// <summary>The whole report as text (header, tree, diagnostics, outputs, summary, duration).</summary>
    public string Render(bool includeHeader = true)
    {
        lock (_gate)
        {
            var sb = new StringBuilder();
            if (includeHeader) sb.Append(Header).Append("\n\n");
            RenderTree(sb);
            RenderDiagnostics(sb);
            RenderOutputs(sb);
            RenderSummary(sb);
            return sb.ToString();
        }
    }

    /// <summary>Only the tree table (for live redraw).</summary>
    public string RenderTreeOnly()
    {
        lock (_gate)
        {
            var sb = new StringBuilder();
            RenderTree(sb);
            return sb.ToString();
        }
    }

    private void RenderTree(StringBuilder sb)
    {
        if (_rows.Count == 0) return;
        var children = _rows.Where(r => r.Parent is not null && _byUrn.ContainsKey(r.Parent)).GroupBy(r => r.Parent!).ToDictionary(g => g.Key, g => g.ToList());
        var roots = _rows.Where(r => r.Parent is null || !_byUrn.ContainsKey(r.Parent)).ToList();
        var lines = new List<(string Marker, string Type, string Name, string Status, string Info)>();
        void Walk(Row row, string indent, string branch)
        {
            lines.Add((Marker(row.Op), branch + TypeToken.DisplayName(row.Type), row.Name, Status(row), row.Messages > 0 ? $"{row.Messages} message{(row.Messages > 1 ? "s" : "")}" : ""));
            if (!children.TryGetValue(row.Urn, out var kids)) return;
            for (var i = 0; i < kids.Count; i++)
            {
                var last = i == kids.Count - 1;
                Walk(kids[i], indent + (last ? "   " : "│  "), indent + (last ? "└─ " : "├─ "));
            }
        }
        foreach (var root in roots) Walk(root, "", "");
        var typeWidth = Math.Max(4, lines.Max(l => l.Type.Length));
        var nameWidth = Math.Max(4, lines.Max(l => l.Name.Length));
        var statusTitle = IsPreview ? "Plan" : "Status";
        var statusWidth = Math.Max(statusTitle.Length, lines.Max(l => l.Status.Length));
        var hasInfo = lines.Any(l => l.Info.Length > 0);
        sb.Append("     ").Append("Type".PadRight(typeWidth)).Append("  ").Append("Name".PadRight(nameWidth)).Append("  ")
          .Append(hasInfo ? statusTitle.PadRight(statusWidth) + "  Info" : statusTitle).Append('\n');
        foreach (var l in lines)
        {
            var line = $" {l.Marker}  {l.Type.PadRight(typeWidth)}  {l.Name.PadRight(nameWidth)}  {(hasInfo ? l.Status.PadRight(statusWidth) + "  " + l.Info : l.Status)}";
            sb.Append(line.TrimEnd()).Append('\n');
        }
        sb.Append('\n');
    }

    private void RenderDiagnostics(StringBuilder sb)
    {
        var shown = _diagnostics.Where(d => d.Severity is DiagnosticSeverity.Error or DiagnosticSeverity.Warning or DiagnosticSeverity.Info).ToList();
        // Like Pulumi, a canceled operation says so under the stack.
        if (_summary?.Result == UpdateOutcome.Canceled) shown.Add(new DiagnosticEvent(null, $"{WireNames.Of(Kind)} canceled", DiagnosticSeverity.Error));
        if (shown.Count == 0) return;
        sb.Append("Diagnostics:\n");
        foreach (var group in shown.GroupBy(d => d.Urn ?? ""))
        {
            var title = group.Key.Length == 0 ? $"pulumi:pulumi:Stack ({Stack})" : $"{TypeToken.DisplayName(Urns.Type(group.Key))} ({Urns.Name(group.Key)})";
            sb.Append("  ").Append(title).Append(":\n");
            foreach (var d in group)
                foreach (var (line, i) in d.Message.Split('\n').Select((l, i) => (l, i)))
                    sb.Append("    ").Append(i == 0 && d.Severity != DiagnosticSeverity.Info ? WireNames.Of(d.Severity) + ": " : "").Append(line).Append('\n');
            sb.Append('\n');
        }
    }

    private void RenderOutputs(StringBuilder sb)
    {
        if (Outputs is not { Count: > 0 }) return;
        sb.Append("Outputs:\n");
        var width = Outputs.Keys.Max(k => k.Length);
        foreach (var (k, (value, secret)) in Outputs.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            sb.Append("    ").Append((k + ":").PadRight(width + 1)).Append(' ').Append(secret && !ShowSecrets ? "[secret]" : FormatValue(value)).Append('\n');
        sb.Append('\n');
    }

    private static string FormatValue(object? value) => value switch
    {
        null => "null",
        System.Text.Json.JsonElement j => j.ToString(),
        string s when s == State.PropertyJson.UnknownSentinel => "[unknown]",
        string s => "\"" + s + "\"",
        bool b => b ? "true" : "false",
        double d => d.ToString(CultureInfo.InvariantCulture),
        _ => System.Text.Json.JsonSerializer.Serialize(value),
    };

    private void RenderSummary(StringBuilder sb)
    {
        if (_summary is null) return;
        sb.Append("Resources:\n");
        var changes = _summary.ResourceChanges;
        var kinds = new[] { (OperationType.Create, "created", "to create"), (OperationType.Update, "updated", "to update"), (OperationType.Delete, "deleted", "to delete"), (OperationType.Replace, "replaced", "to replace"), (OperationType.Import, "imported", "to import") };
        var changeKinds = 0;
        var changeTotal = 0;
        foreach (var (op, past, future) in kinds)
        {
            if (!changes.TryGetValue(op, out var n) || n == 0) continue;
            changeKinds++;
            changeTotal += n;
            var marker = Marker(op);
            sb.Append("    ").Append(marker.TrimEnd()).Append(marker.EndsWith(' ') ? " " : "").Append(n).Append(' ').Append(IsPreview ? future : past).Append('\n');
        }
        var same = changes.TryGetValue(OperationType.Same, out var s) ? s : 0;
        var errored = _rows.Count(r => r.Failed);
        if (errored > 0) sb.Append("    ").Append(errored).Append(" errored\n");
        if (changeKinds >= 2) sb.Append("    ").Append(changeTotal).Append(" changes");
        if (changeKinds >= 2 && same > 0) sb.Append(". ").Append(same).Append(" unchanged");
        else if (same > 0) sb.Append("    ").Append(same).Append(" unchanged");
        if (changeKinds >= 2 || same > 0) sb.Append('\n');
        if (!IsPreview) sb.Append('\n').Append("Duration: ").Append(FormatDuration(_summary.DurationSeconds)).Append('\n');
    }

    private static string FormatDuration(int seconds) =>
        seconds < 60 ? $"{Math.Max(seconds, 1)}s" : seconds < 3600 ? $"{seconds / 60}m{seconds % 60}s" : $"{seconds / 3600}h{seconds / 60 % 60}m{seconds % 60}s";
}
