using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using EcrAutomation.LocalCloud;
using EcrAutomation.Testing.Infrastructure;

namespace EcrAutomation.Benchmarks.Alb;

/// <summary>
/// The <c>alb</c> benchmark: deploys the ECS program (two tasks of the demo app behind an application load balancer) to
/// the local cloud with the CLI built with this benchmark (src/EcrAutomation.Cli's output folder), then measures <c>first_request_s</c> (from <c>up</c>
/// exiting to the first 200 through the ALB's front door), <c>healthy_s</c> (until describe-target-health shows both
/// tasks healthy), and requests per second for <c>--seconds</c> with <c>--concurrency</c> clients through the ALB to
/// the two tasks (<c>alb_rps</c>) versus directly to one task's address (<c>direct_rps</c>); destroys and stops after.
/// Prints the figures as one JSON line. Needs container support (root, runc, umoci); exits 2 without it.
/// </summary>
public static class AlbBenchmark
{
    private const string ElbNamespace = "http://elasticloadbalancing.amazonaws.com/doc/2015-12-01/";

    /// <summary>Options: <c>--seconds N</c> (default 10), <c>--concurrency N</c> (default 8).</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var seconds = BenchmarkArguments.Int(args, "--seconds", 10);
        var concurrency = BenchmarkArguments.Int(args, "--concurrency", 8);
        var work = Directory.CreateTempSubdirectory("ecra-alb-bench-").FullName;
        var cli = new CliProcess(CliExecutable(), Path.Combine(work, "project"), Path.Combine(work, "home"));
        using var http = new HttpClient(new SocketsHttpHandler { UseProxy = false, MaxConnectionsPerServer = concurrency * 2 }) { Timeout = TimeSpan.FromSeconds(30) };
        try
        {
            CreateProject(cli.ProjectDirectory);
            await cli.RunAsync("up", "--stack", "dev", "--yes").ConfigureAwait(false);
            var watch = Stopwatch.StartNew();
            var state = LocalCloudState.TryRead(Path.Combine(cli.Home, "local-cloud")) ?? throw new InvalidOperationException("up left no running local cloud");
            var door = await FirstOkAsync(http, state).ConfigureAwait(false);
            var firstRequest = watch.Elapsed.TotalSeconds;
            Console.Error.WriteLine($"first 200 through the ALB {firstRequest:F2} s after up exited ({door})");

            var tasks = await HealthyTargetsAsync(http, state.Endpoint, 2).ConfigureAwait(false);
            var healthy = watch.Elapsed.TotalSeconds;
            Console.Error.WriteLine($"both tasks healthy {healthy:F2} s after up exited: {string.Join(", ", tasks)}");

            var alb = await LoadAsync(http, door, seconds, concurrency).ConfigureAwait(false);
            var direct = await LoadAsync(http, new Uri($"http://{tasks[0]}/"), seconds, concurrency).ConfigureAwait(false);
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{concurrency} clients x {seconds} s: through the ALB {alb.Rps:F0} req/s ({alb.Failures} failed), directly to one task {direct.Rps:F0} req/s ({direct.Failures} failed)"));
            await cli.RunAsync("destroy", "--stack", "dev", "--yes").ConfigureAwait(false);

            var result = new JsonObject
            {
                ["targets"] = "ecs",
                ["tasks"] = tasks.Count,
                ["concurrency"] = concurrency,
                ["seconds"] = seconds,
                ["first_request_s"] = Math.Round(firstRequest, 3),
                ["healthy_s"] = Math.Round(healthy, 3),
                ["alb_rps"] = Math.Round(alb.Rps, 1),
                ["direct_rps"] = Math.Round(direct.Rps, 1),
                ["alb_failed"] = alb.Failures,
                ["direct_failed"] = direct.Failures,
            };
            Console.WriteLine(result.ToJsonString());
            return 0;
        }
        finally
        {
            await cli.TryRunAsync("local", "stop").ConfigureAwait(false);
            try { Directory.Delete(work, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>Polls the local cloud's front doors until its ALB answers 200; returns the ALB's loopback URL.</summary>
    private static async Task<Uri> FirstOkAsync(HttpClient http, LocalCloudState state)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromMinutes(5))
        {
            var doors = await FrontDoorSummary.ListAsync(state).ConfigureAwait(false);
            if (doors.FirstOrDefault(d => d.Kind == "alb") is { } door)
            {
                try
                {
                    using var response = await http.GetAsync(door.Url).ConfigureAwait(false);
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        return door.Url;
                    }
                }
                catch (HttpRequestException)
                {
                }
            }

            await Task.Delay(20).ConfigureAwait(false);
        }

        throw new TimeoutException("the ALB never answered 200 within 5 minutes of up");
    }

    /// <summary>Polls DescribeTargetHealth of the (one) target group until <paramref name="count"/> targets are healthy.</summary>
    private static async Task<IReadOnlyList<string>> HealthyTargetsAsync(HttpClient http, Uri endpoint, int count)
    {
        XNamespace ns = ElbNamespace;
        var groups = await ElbAsync(http, endpoint, "DescribeTargetGroups", string.Empty).ConfigureAwait(false);
        var arn = groups.Descendants(ns + "TargetGroupArn").Single().Value;
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var health = await ElbAsync(http, endpoint, "DescribeTargetHealth", "&TargetGroupArn=" + Uri.EscapeDataString(arn)).ConfigureAwait(false);
            var healthy = health.Descendants(ns + "member")
                .Where(m => m.Element(ns + "TargetHealth")?.Element(ns + "State")?.Value == "healthy")
                .Select(m => $"{m.Element(ns + "Target")!.Element(ns + "Id")!.Value}:{m.Element(ns + "Target")!.Element(ns + "Port")!.Value}")
                .ToList();
            if (healthy.Count >= count)
            {
                return healthy;
            }

            if (deadline.Elapsed > TimeSpan.FromMinutes(5))
            {
                throw new TimeoutException($"fewer than {count} healthy targets after 5 minutes: {health}");
            }

            await Task.Delay(100).ConfigureAwait(false);
        }
    }

    private static async Task<XElement> ElbAsync(HttpClient http, Uri endpoint, string action, string parameters)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = new StringContent($"Action={action}&Version=2015-12-01{parameters}", Encoding.UTF8, "application/x-www-form-urlencoded"),
        };
        request.Headers.TryAddWithoutValidation("Authorization", $"AWS4-HMAC-SHA256 Credential={FakeAwsEnvironment.Variables["AWS_ACCESS_KEY_ID"]}/20260101/us-east-1/elasticloadbalancing/aws4_request, SignedHeaders=host, Signature=00");
        using var response = await http.SendAsync(request).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        return response.IsSuccessStatusCode ? XElement.Parse(text) : throw new InvalidOperationException($"{action} failed: {text}");
    }

    /// <summary>Keeps <paramref name="concurrency"/> GET loops busy for <paramref name="seconds"/>; counts the 200s per second and the failures.</summary>
    private static async Task<(double Rps, int Failures)> LoadAsync(HttpClient http, Uri url, int seconds, int concurrency)
    {
        var ok = 0;
        var failed = 0;
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    using var response = await http.GetAsync(url, HttpCompletionOption.ResponseContentRead, CancellationToken.None).ConfigureAwait(false);
                    if (response.StatusCode == HttpStatusCode.OK)
                    {
                        Interlocked.Increment(ref ok);
                    }
                    else
                    {
                        Interlocked.Increment(ref failed);
                    }
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref failed);
                }
            }
        }))).ConfigureAwait(false);
        return (ok / watch.Elapsed.TotalSeconds, failed);
    }

    /// <summary>A project folder with the ECS program on the local cloud and a copy of the repository's demo app.</summary>
    private static void CreateProject(string directory)
    {
        Directory.CreateDirectory(Path.Combine(directory, "stacks"));
        File.WriteAllText(Path.Combine(directory, "Pulumi.yaml"), "name: ecr-automation\nruntime: dotnet\nstackConfigDir: stacks\n");
        File.WriteAllText(Path.Combine(directory, "stacks", "Pulumi.dev.yaml"), "config:\n  aws:region: us-east-1\n  ecr-automation:cloud: local\n  ecr-automation:program: ecs\n");
        var app = Path.Combine(RepositoryRoot(), "app");
        foreach (var file in Directory.GetFiles(app, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(directory, "app", Path.GetRelativePath(app, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    /// <summary>The CLI in its output folder for this build's configuration (bin/&lt;configuration&gt;/&lt;framework&gt;, as the benchmark's).</summary>
    private static string CliExecutable()
    {
        var output = Path.GetRelativePath(Path.Combine(RepositoryRoot(), "tests", "EcrAutomation.Benchmarks"), AppContext.BaseDirectory);
        var executable = Path.Combine(RepositoryRoot(), "src", "EcrAutomation.Cli", output, "ecr-automation");
        return File.Exists(executable) ? executable : throw new InvalidOperationException($"The CLI is not built at {executable}: build tests/EcrAutomation.Benchmarks (it builds the CLI first).");
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "app", "Dockerfile"))) return dir.FullName;
        throw new InvalidOperationException("Cannot find the repository's app/ folder above the benchmark.");
    }

    /// <summary>Runs the CLI in the project folder with offline settings: fake AWS credentials, its own home, a free local-cloud port.</summary>
    private sealed record CliProcess(string Executable, string ProjectDirectory, string Home)
    {
        public async Task<string> RunAsync(params string[] args)
        {
            var start = new ProcessStartInfo(Executable) { WorkingDirectory = ProjectDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in args) start.ArgumentList.Add(arg);
            start.Environment["ECR_AUTOMATION_HOME"] = Home;
            start.Environment["ECR_AUTOMATION_LOCAL_PORT"] = "0";
            start.Environment["PULUMI_CONFIG_PASSPHRASE"] = "alb-benchmark";
            foreach (var (key, value) in FakeAwsEnvironment.Variables) start.Environment[key] = value;
            start.Environment.Remove("AWS_ENDPOINT_URL");
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync().ConfigureAwait(false);
            var text = await output.ConfigureAwait(false) + await error.ConfigureAwait(false);
            return process.ExitCode == 0 ? text : throw new InvalidOperationException($"ecr-automation {string.Join(' ', args)} exited with {process.ExitCode}:\n{text}");
        }

        public async Task TryRunAsync(params string[] args)
        {
            try { await RunAsync(args).ConfigureAwait(false); } catch (InvalidOperationException) { }
        }
    }
}
