using EcrAutomation.Automation;
using EcrAutomation.Aws;
using EcrAutomation.Aws.Resources;
using EcrAutomation.LocalCloud;
using EcrAutomation.Providers;

namespace EcrAutomation.Aws.Resources.Tests.Ecs;

/// <summary>
/// One in-process local cloud with moto (ECS, ELBv2, EC2, IAM, Logs) shared by the ECS tests; each test uses its own
/// stack, and every resource is auto-named, so tests do not see each other's resources.
/// </summary>
public sealed class EcsCloudFixture() : LocalCloudWorkspace("ecs-tests", startMoto: true)
{
    public override async Task InitializeAsync()
    {
        // Every service reports one running task, so a service that wants two never becomes stable.
        RecordedRunningTasksPerService = 1;
        ProviderOptions = new AwsProviderOptions { ServicePollInterval = TimeSpan.FromMilliseconds(200) };
        await base.InitializeAsync();
        // Fail loudly when moto is missing: these tests need ECS, ELBv2, EC2, IAM and Logs.
        try { await Aws.Ec2.GetDefaultVpcAsync(); }
        catch (Exception e)
        {
            throw new InvalidOperationException("moto_server is required for the ECS tests (pip install 'moto[server]'); the local cloud could not reach it: " + e.Message, e);
        }
    }
}
