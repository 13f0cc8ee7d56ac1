using EcrAutomation.Benchmarks.Engine;

// Usage: dotnet run -c Release --project tests/EcrAutomation.Benchmarks -- <engine|lifecycle|image|tool|eks|state|alb> [options]
// Each benchmark prints its figures as one JSON object on its last line.
return args.FirstOrDefault() switch
{
    "engine" => await EngineBenchmark.RunAsync(args[1..]),
    "lifecycle" => EcrAutomation.Benchmarks.LifecycleBenchmark.Run(args[1..]),
    "image" => await EcrAutomation.Benchmarks.Images.ImageBenchmark.RunAsync(args[1..]),
    "tool" => await EcrAutomation.Benchmarks.Tool.ToolBenchmark.RunAsync(args[1..]),
    "eks" => await EcrAutomation.Benchmarks.Eks.EksBenchmark.RunAsync(args[1..]),
    "state" => await EcrAutomation.Benchmarks.StateBackends.StateBenchmark.RunAsync(args[1..]),
    "alb" => await EcrAutomation.Benchmarks.Alb.AlbBenchmark.RunAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: EcrAutomation.Benchmarks engine --resources N | lifecycle [--images N] | image [--mb N] | tool [--runs N] [--feed DIR] | eks [--deployments N] [--replicas N] [--parallel N] | state [--groups N] [--locks N] | alb [--seconds N] [--concurrency N]");
    return 2;
}
