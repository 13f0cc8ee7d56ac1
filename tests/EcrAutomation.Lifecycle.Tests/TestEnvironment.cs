using System.Runtime.CompilerServices;

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
        Environment.SetEnvironmentVariable("AWS_EC2_METADATA_DISABLED", "true");
        Environment.SetEnvironmentVariable("AWS_ACCESS_KEY_ID", "AKIDTESTFAKE00000000");
        Environment.SetEnvironmentVariable("AWS_SECRET_ACCESS_KEY", "test-secret-not-real");
        Environment.SetEnvironmentVariable("AWS_REGION", "us-east-1");
        Environment.SetEnvironmentVariable("AWS_DEFAULT_REGION", "us-east-1");
        Environment.SetEnvironmentVariable("AWS_ENDPOINT_URL", "http://127.0.0.1:1");
    }
}
