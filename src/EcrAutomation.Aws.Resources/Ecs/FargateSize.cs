namespace EcrAutomation.Aws.Resources.Ecs;

/// <summary>A Fargate task size: CPU units (1024 = 1 vCPU) and memory in MiB.</summary>
public sealed record FargateSize(int Cpu, int Memory)
{
    /// <summary>Hourly price weight used by awsx to choose among sizes (USD per vCPU and per GB).</summary>
    public double PriceWeight => Cpu / 1024.0 * 0.04048 + Memory / 1024.0 * 0.004445;
}
