using System.Collections.Concurrent;
using EcrAutomation.Automation;
using EcrAutomation.Aws;
using EcrAutomation.Aws.Resources;
using EcrAutomation.Events;
using EcrAutomation.LocalCloud;
using EcrAutomation.Providers;

namespace EcrAutomation.Awsx.Tests.Ecs;

/// <summary>
/// One in-process local cloud with moto (ECS, ELBv2, EC2, IAM, Logs) shared by the ECS tests; each test uses its own
/// stack, and every resource is auto-named, so tests do not see each other's resources.
/// </summary>
public sealed class EcsCloudFixture() : LocalCloudWorkspace("ecs-tests", startMoto: true)
{
    public override async Task InitializeAsync()
    {
        // The local cloud starts moto with MOTO_ECS_SERVICE_RUNNING=1: every service reports one running task.
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

/// <summary>Records the engine events of one operation.</summary>
public sealed class EventLog
{
    private readonly ConcurrentQueue<EngineEvent> _events = new();

    public Action<EngineEvent> Handler => _events.Enqueue;

    public IReadOnlyList<EngineEvent> Events => [.. _events];

    /// <summary>Resource types (short) in the order their steps of <paramref name="op"/> finished.</summary>
    public List<string> Finished(OperationType op) =>
        [.. _events.OfType<ResourceOutputsEvent>().Where(e => e.Metadata.Op == op).Select(e => e.Metadata.Type)];

    public IReadOnlyList<(string Type, string Urn)> Steps(OperationType op) =>
        [.. _events.OfType<ResourceOutputsEvent>().Where(e => e.Metadata.Op == op).Select(e => (e.Metadata.Type, e.Metadata.Urn))];

    public IReadOnlyList<DiagnosticEvent> Diagnostics => [.. _events.OfType<DiagnosticEvent>()];
}
