using System.Runtime.CompilerServices;
using EcrAutomation.Testing.Infrastructure;

namespace EcrAutomation.Lifecycle.Tests;

/// <summary>
/// The project-wide test environment. This library never talks to AWS; the variables are set anyway so that nothing
/// loaded into the test process could ever reach a real endpoint or real credentials.
/// </summary>
internal static class TestEnvironment
{
#pragma warning disable CA2255 // A module initializer is the only assembly-wide hook xunit 2 offers.
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void Initialize()
    {
        FakeAwsEnvironment.ApplyToProcess();
        Environment.SetEnvironmentVariable("AWS_ENDPOINT_URL", "http://127.0.0.1:1");
    }
}
