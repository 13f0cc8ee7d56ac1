using System.CommandLine;
using System.Net;
using Cronos;
using EcrAutomation.Cli.Display;
using EcrAutomation.Cli.Workers;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Console;
using Prometheus;

namespace EcrAutomation.Cli.Commands;

/// <summary>
/// <c>ecr-automation worker</c>: refresh and up of one or more stacks on a cron schedule, as a long-running worker in the
/// generic host; any number of workers may share the stacks (the stack lock decides who runs a tick). With <c>--http</c>
/// it serves <c>/healthz</c> and Prometheus <c>/metrics</c>.
/// </summary>
internal sealed class WorkerCommand(CliConsole console)
    : CliCommand("worker", "Run refresh/up of stacks on a schedule as a long-running worker (stops gracefully on SIGTERM/Ctrl+C)", console,
        Stacks, All, Schedule, Refresh, RunNow, Http, CommonOptions.Program)
{
    private static readonly Option<string[]> Stacks = new("--stack", "-s")
    {
        Description = "A stack to deploy (repeatable; default: ECR_AUTOMATION_STACK, else dev)",
        AllowMultipleArgumentsPerToken = false,
    };
    private static readonly Option<bool> All = new("--all") { Description = "Deploy every stack of the project (as listed at start)" };
    private static readonly Option<string> Schedule = new("--schedule") { Description = "Cron expression (UTC; 5 fields, or 6 with seconds first), e.g. \"*/30 * * * *\"", Required = true };
    private static readonly Option<bool> Refresh = new("--refresh") { Description = "Refresh before each update" };
    private static readonly Option<bool> RunNow = new("--run-now") { Description = "Also run each stack once at start" };
    private static readonly Option<string?> Http = new("--http") { Description = "Serve /healthz and /metrics (Prometheus) on HOST:PORT, e.g. 127.0.0.1:9464 (port 0: any free port, logged)" };

    protected override async Task<int> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var cron = ParseSchedule(context.Get(Schedule)!);
        var http = context.Get(Http) is { } endpoint ? ParseEndpoint(endpoint) : null;
        var stacks = await StacksAsync(context, cancellationToken);
        var multiple = stacks.Count > 1;
        var settings = new WorkerSettings(cron, stacks, context.Get(Refresh), context.Get(RunNow),
            async (stack, token) =>
            {
                // Opened afresh for every run, so each one sees the stack's config as it is then.
                var session = await context.OpenStackAsync(createIfConfigured: true, token, stack);
                var program = await session.ChooseProgramAsync(token);
                var target = await session.TargetCloudAsync(context.Console.Error.WriteLine, token);
                await session.SaveProgramAsync(program, context.Console.Out.WriteLine, token);
                return new ScheduledRun(session.Stack, program.Program, target.RunConfig);
            },
            (stack, line) => context.Console.WriteLine(multiple ? $"[{stack}] {line}" : line));
        var metrics = new WorkerMetrics(stacks);

        using var host = http is null ? BuildHost(settings, metrics) : BuildHttpHost(http, settings, metrics);
        await host.RunAsync(cancellationToken);
        return ExitCodes.Success;
    }

    private static async Task<IReadOnlyList<string>> StacksAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var named = context.Get(Stacks) ?? [];
        if (context.Get(All))
        {
            if (named.Length > 0) throw new UsageException("--all and --stack cannot be used together: --all deploys every stack of the project");
            var all = await (await context.OpenWorkspaceAsync(cancellationToken)).ListStacksAsync(cancellationToken);
            return all.Count > 0 ? all : throw new UsageException("--all found no stacks in this project; create one with `ecr-automation stack init NAME`");
        }
        if (named.Length == 0) return [CommonOptions.DefaultStack];
        if (named.GroupBy(s => s, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
            throw new UsageException($"--stack '{twice.Key}' is given more than once");
        return named;
    }

    private static CronExpression ParseSchedule(string schedule)
    {
        var format = schedule.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length == 6 ? CronFormat.IncludeSeconds : CronFormat.Standard;
        try { return CronExpression.Parse(schedule, format); }
        catch (CronFormatException e) { throw new UsageException($"--schedule '{schedule}' is not a cron expression: {e.Message}"); }
    }

    private static string ParseEndpoint(string endpoint)
    {
        var colon = endpoint.LastIndexOf(':');
        var host = colon > 0 ? endpoint[..colon].Trim('[', ']') : "";
        if (colon <= 0 || !ushort.TryParse(endpoint[(colon + 1)..], out _) || (host != "localhost" && !IPAddress.TryParse(host, out _)))
            throw new UsageException($"--http '{endpoint}' is not HOST:PORT with an IP address or localhost, e.g. 127.0.0.1:9464");
        return endpoint;
    }

    private static IHost BuildHost(WorkerSettings settings, WorkerMetrics metrics)
    {
        var builder = Host.CreateApplicationBuilder();
        AddWorker(builder, settings, metrics);
        return builder.Build();
    }

    private static void AddWorker(IHostApplicationBuilder builder, WorkerSettings settings, WorkerMetrics metrics)
    {
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(60));
        // One line per entry with a UTC timestamp; Logging__Console__FormatterName=json switches to JSON lines.
        builder.Services.Configure<SimpleConsoleFormatterOptions>(o =>
        {
            o.SingleLine = true;
            o.UseUtcTimestamp = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
        });
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(metrics);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddHostedService<ScheduledDeploymentWorker>();
    }

    private static WebApplication BuildHttpHost(string endpoint, WorkerSettings settings, WorkerMetrics metrics)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://{endpoint}");
        builder.Services.AddHealthChecks();
        AddWorker(builder, settings, metrics);
        var app = builder.Build();
        app.MapHealthChecks("/healthz");
        app.MapMetrics("/metrics", metrics.Registry);
        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
            app.Logger.LogInformation("Serving /healthz and /metrics on {Addresses}", string.Join(", ", addresses));
        });
        return app;
    }
}
