using System.Globalization;
using System.Text;
using EcrAutomation.Events;
using EcrAutomation.Providers;

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

    public ProgressReport(string stack, string action, bool isPreview)
    {
        Stack = stack;
        Action = action;
        IsPreview = isPreview;
    }

    public string Stack { get; }
    /// <summary><c>update</c>, <c>refresh</c> or <c>destroy</c>.</summary>
    public string Action { get; }
    public bool IsPreview { get; }
    /// <summary>Stack outputs to print (null: none).</summary>
    public IReadOnlyDictionary<string, (object? Value, bool IsSecret)>? Outputs { get; set; }
    public bool ShowSecrets { get; set; }
    /// <summary>Print property-level changes of each step (<c>--diff</c>).</summary>
    public bool ShowDiff { get; set; }

    private sealed class Row
    {
        public required string Urn { get; init; }
        public required string Type { get; init; }
        public required string Name { get; init; }
        public string? Parent { get; set; }
        public string Op { get; set; } = OpNames.Same;
        public bool Done { get; set; }
        public bool Failed { get; set; }
        public DateTimeOffset Started { get; set; }
        public TimeSpan? Elapsed { get; set; }
        public long StartedTicks { get; set; }
        public int Messages { get; set; }
    }

    public string Header => (IsPreview, Action) switch
    {
        (false, "update") => $"Updating ({Stack}):",
        (true, "update") => $"Previewing update ({Stack}):",
        (false, "refresh") => $"Refreshing ({Stack}):",
        (true, "refresh") => $"Previewing refresh ({Stack}):",
        (false, "destroy") => $"Destroying ({Stack}):",
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
                    return row.Op == OpNames.Same || outputs.Metadata.Op is OpNames.CreateReplacement or OpNames.DeleteReplaced ? null
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
                return d.Severity == "error" ? $" {d.Severity}: {d.Message}" : null;
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
        if (m.Op is OpNames.Same or OpNames.Refresh or OpNames.CreateReplacement or OpNames.DeleteReplaced) return null; // a replacement shows one block
        var sb = new StringBuilder();
        var marker = Marker(m.Op).TrimEnd();
        sb.Append("  ").Append(marker).Append(' ').Append(m.Type).Append(": (").Append(m.Op).Append(")\n");
        sb.Append("      [urn=").Append(m.Urn).Append("]\n");
        var olds = m.Old?.Inputs ?? new Dictionary<string, object?>();
        var news = m.New?.Inputs ?? new Dictionary<string, object?>();
        IEnumerable<string> keys = m.Op switch
        {
            OpNames.Create or OpNames.CreateReplacement => news.Keys,
            OpNames.Delete or OpNames.DeleteReplaced => olds.Keys,
            _ => m.Diffs ?? m.DetailedDiff?.Keys ?? Enumerable.Empty<string>(),
        };
        foreach (var key in keys.Where(k => !k.StartsWith("__", StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            olds.TryGetValue(key, out var o);
            news.TryGetValue(key, out var n);
            var replaces = m.Keys?.Contains(key) == true;
            switch (m.Op)
            {
                case OpNames.Create or OpNames.CreateReplacement: sb.Append("      + ").Append(key).Append(": ").Append(FormatValue(n)).Append('\n'); break;
                case OpNames.Delete or OpNames.DeleteReplaced: sb.Append("      - ").Append(key).Append(": ").Append(FormatValue(o)).Append('\n'); break;
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

    private static string Merge(string current, string next) => (current, next) switch
    {
        (OpNames.Replace, _) => OpNames.Replace,
        (_, OpNames.Replace or OpNames.CreateReplacement or OpNames.DeleteReplaced) => OpNames.Replace,
        (_, OpNames.Same) when current != OpNames.Same => current,
        _ => next,
    };

    /// <summary>Pulumi's two-character step prefix.</summary>
    public static string Marker(string op) => op switch
    {
        OpNames.Create => "+ ",
        OpNames.Update or OpNames.Refresh => "~ ",
        OpNames.Delete => "- ",
        OpNames.Replace => "+-",
        OpNames.CreateReplacement => "++",
        OpNames.DeleteReplaced => "--",
        OpNames.Read => "> ",
        OpNames.Import => "= ",
        _ => "  ",
    };

    private string Status(Row row)
    {
        if (row.Failed) return Progressive(row.Op) is { Length: > 0 } doing ? $"**{doing} failed**" : "**failed**";
        if (IsPreview) return row.Op == OpNames.Same ? "" : row.Op;
        if (!row.Done) return Progressive(row.Op);
        var past = row.Op switch
        {
            OpNames.Create => "created",
            OpNames.Update => "updated",
            OpNames.Delete => "deleted",
            OpNames.Replace => "replaced",
            OpNames.Refresh => "refreshed",
            OpNames.Import => "imported",
            OpNames.Read => "read",
            _ => "",
        };
        if (past.Length == 0) return "";
        var elapsed = row.Elapsed ?? TimeSpan.Zero;
        return elapsed.TotalSeconds >= 1 ? $"{past} ({Math.Round(elapsed.TotalSeconds)}s)" : $"{past} ({elapsed.TotalSeconds.ToString("0.##", CultureInfo.InvariantCulture)}s)";
    }

    private static string Progressive(string op) => op switch
    {
        OpNames.Create => "creating",
        OpNames.Update => "updating",
        OpNames.Delete => "deleting",
        OpNames.Replace => "replacing",
        OpNames.Refresh => "refreshing",
        OpNames.Import => "importing",
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
        var shown = _diagnostics.Where(d => d.Severity is "error" or "warning" or "info").ToList();
        // Like Pulumi, a canceled operation says so under the stack.
        if (_summary?.Result == "canceled") shown.Add(new DiagnosticEvent(null, $"{Action} canceled", "error"));
        if (shown.Count == 0) return;
        sb.Append("Diagnostics:\n");
        foreach (var group in shown.GroupBy(d => d.Urn ?? ""))
        {
            var title = group.Key.Length == 0 ? $"pulumi:pulumi:Stack ({Stack})" : $"{TypeToken.DisplayName(Urns.Type(group.Key))} ({Urns.Name(group.Key)})";
            sb.Append("  ").Append(title).Append(":\n");
            foreach (var d in group)
                foreach (var (line, i) in d.Message.Split('\n').Select((l, i) => (l, i)))
                    sb.Append("    ").Append(i == 0 && d.Severity != "info" ? d.Severity + ": " : "").Append(line).Append('\n');
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
        var kinds = new[] { (OpNames.Create, "created", "to create"), (OpNames.Update, "updated", "to update"), (OpNames.Delete, "deleted", "to delete"), (OpNames.Replace, "replaced", "to replace"), (OpNames.Import, "imported", "to import") };
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
        var same = changes.TryGetValue(OpNames.Same, out var s) ? s : 0;
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
