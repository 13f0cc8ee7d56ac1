namespace EcrAutomation.Cli.Tests;

/// <summary><c>local status</c> lists the local cloud's EKS clusters and their API server endpoints.</summary>
public sealed class LocalStatusEksTests() : LocalCloudProgramTest("sample")
{
    [Fact]
    public async Task LocalStatus_ListsEksClustersWithTheirEndpoints()
    {
        var start = await Cli.RunAsync("local", "start");
        start.ExitCode.ShouldBe(0, start.Stdout + start.Stderr);
        (await Cli.RunAsync("local", "status")).Stdout.ShouldContain("eks:      none");

        var created = await AwsAsync("eks", "create-cluster", "--name", "demo", "--role-arn", "arn:aws:iam::000000000000:role/eks",
            "--resources-vpc-config", "subnetIds=subnet-1,subnet-2");
        created.ShouldContain("\"name\": \"demo\"");

        var status = await Cli.RunAsync("local", "status");
        status.ExitCode.ShouldBe(0, status.Stdout + status.Stderr);
        status.Stdout.ShouldMatch(@"eks:      demo \(ACTIVE, Kubernetes 1\.32\) https://127\.0\.0\.1:\d+");
    }
}
