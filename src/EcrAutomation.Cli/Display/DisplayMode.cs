namespace EcrAutomation.Cli.Display;

/// <summary>How an operation is shown: a live redrawn tree on a terminal, progress lines when redirected, or NDJSON events.</summary>
internal enum DisplayMode
{
    Live,
    Plain,
    Json,
}
