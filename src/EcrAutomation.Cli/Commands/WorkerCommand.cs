using System.CommandLine;
using Cronos;
using EcrAutomation.Cli.Display;
using EcrAutomation.Cli.Workers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EcrAutomation.Cli.Commands;

/// <summary><c>ecr-automation worker</c>: refresh and up on a cron schedule, as a long-running worker in the generic host.</summary>
internal sealed class WorkerCommand(CliConsole console)
    : CliCommand("worker", "Run refresh/up on a schedule as a long-running worker (stops gracefully on SIGTERM/Ctrl+C)", console,
        CommonOptions.Stack, Schedule, Refresh, RunNow, CommonOptions.Program)
{
    private static readonly Option<string> Schedule = new("--schedule") { Description = "Cron expression (UTC), e.g. \"*/30 * * * *\"", Required = true };
    private static readonly Option<bool> Refresh = new("--refresh") { Description = "Refresh before each update" };
    private static readonly Option<bool> RunNow = new("--run-now") { Description = "Also run once at start" };

    protected override async Task<int> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        CronExpression cron;
        try { cron = CronExpression.Parse(context.Get(Schedule)!); }
        catch (CronFormatException e) { throw new UsageException($"--schedule '{context.Get(Schedule)}' is not a cron expression: {e.Message}"); }
        Action<string> output = context.Console.Out.WriteLine;
        var settings = new WorkerSettings(cron, context.Get(Refresh), context.Get(RunNow),
            async token =>
            {
                // Opened afresh for every run, so each one sees the stack's config as it is then.
                var session = await context.OpenStackAsync(createIfConfigured: true, token);
                var target = await session.TargetCloudAsync(context.Console.Error.WriteLine, token);
                var program = await session.ChooseProgramAsync(token);
                await session.SaveProgramAsync(program, output, token);
                return new ScheduledRun(session.Stack, program.Program, target.RunConfig);
            },
            output);
        var builder = Host.CreateApplicationBuilder();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(60));
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddHostedService<ScheduledDeploymentWorker>();
        using var host = builder.Build();
        await host.RunAsync(cancellationToken);
        return ExitCodes.Success;
    }
}
