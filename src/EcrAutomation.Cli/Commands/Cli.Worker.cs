using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace EcrAutomation.Cli.Commands;

internal static partial class Cli
{
    private static Command Worker()
    {
        var schedule = new Option<string>("--schedule") { Description = "Cron expression (UTC), e.g. \"*/30 * * * *\"", Required = true };
        var refresh = new Option<bool>("--refresh") { Description = "Refresh before each update" };
        var once = new Option<bool>("--run-now") { Description = "Also run once at start" };
        var command = new Command("worker", "Run refresh/up on a schedule as a long-running worker (stops gracefully on SIGTERM/Ctrl+C)");
        foreach (var o in new Option[] { StackOption, schedule, refresh, once, ProgramOption }) command.Options.Add(o);
        command.SetAction((parse, ct) => Guard(parse, async () =>
        {
            Cronos.CronExpression cron;
            try { cron = Cronos.CronExpression.Parse(parse.GetValue(schedule)!); }
            catch (Cronos.CronFormatException e) { throw new UsageException($"--schedule '{parse.GetValue(schedule)}' is not a cron expression: {e.Message}"); }
            var settings = new Workers.WorkerSettings(cron, parse.GetValue(refresh), parse.GetValue(once),
                async token =>
                {
                    var stack = await OpenStackAsync(parse, true, token);
                    var target = await TargetCloudAsync(stack, token);
                    var program = await ChooseProgramAsync(parse, stack, token);
                    await SaveProgramAsync(stack, program, Console.WriteLine, token);
                    return new Workers.ScheduledRun(stack, program.Program, target.RunConfig);
                },
                Console.WriteLine);
            var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
            builder.Services.Configure<Microsoft.Extensions.Hosting.HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(60));
            builder.Services.AddSingleton(settings);
            builder.Services.AddSingleton(TimeProvider.System);
            builder.Services.AddHostedService<Workers.ScheduledDeploymentWorker>();
            using var host = builder.Build();
            await host.RunAsync(ct);
            return ExitCodes.Success;
        }));
        return command;
    }
}
