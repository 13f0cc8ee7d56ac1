using EcrAutomation.Aws.Resources.Ecs;

namespace EcrAutomation.Aws.Resources.Tests.Ecs;

/// <summary>The Fargate size table and awsx's cheapest-fit choice.</summary>
public sealed class FargateSizesTests
{
    [Theory]
    [InlineData(512, 128, 512, 1024)]     // the seed's container (recorded by awsx)
    [InlineData(0, 0, 256, 512)]          // nothing requested
    [InlineData(256, 512, 256, 512)]
    [InlineData(256, 600, 256, 1024)]
    [InlineData(256, 4096, 512, 4096)]    // 256 CPU allows only 2 GB: the cheapest with 4 GB is 512 CPU
    [InlineData(1024, 3000, 1024, 3072)]
    [InlineData(2048, 1024, 2048, 4096)]
    [InlineData(4096, 30720, 4096, 30720)]
    [InlineData(5000, 1024, 8192, 16384)]
    [InlineData(16384, 122880, 16384, 122880)]
    public void CheapestFit_Requested_PicksCheapestValidFargateSize(int cpu, int memory, int expectedCpu, int expectedMemory) =>
        FargateSizes.CheapestFit(cpu, memory).ShouldBe(new FargateSize(expectedCpu, expectedMemory));

    [Theory]
    [InlineData(16385, 512)]
    [InlineData(1024, 122881)]
    public void CheapestFit_BeyondFargate_Throws(int cpu, int memory) =>
        Should.Throw<ArgumentException>(() => FargateSizes.CheapestFit(cpu, memory)).Message.ShouldStartWith("Requested resources exceed the maximum allowed for Fargate");

    [Fact]
    public void All_MatchesEcsTable()
    {
        FargateSizes.All.Count(s => s.Cpu == 256).ShouldBe(3);
        FargateSizes.All.Where(s => s.Cpu == 512).Select(s => s.Memory).ShouldBe([1024, 2048, 3072, 4096]);
        FargateSizes.All.Where(s => s.Cpu == 4096).Select(s => s.Memory).Last().ShouldBe(30720);
        FargateSizes.All.Where(s => s.Cpu == 8192).Select(s => s.Memory).ShouldBe([16384, 20480, 24576, 28672, 32768, 36864, 40960, 45056, 49152, 53248, 57344, 61440]);
        FargateSizes.IsValid(1024, 1024).ShouldBeFalse();
        FargateSizes.ParseCpu("1 vCPU").ShouldBe(1024);
        FargateSizes.ParseMemory("2 GB").ShouldBe(2048);
        FargateSizes.ParseMemory("512").ShouldBe(512);
    }
}
