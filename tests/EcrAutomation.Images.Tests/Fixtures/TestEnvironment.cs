using EcrAutomation.Testing.Infrastructure;

namespace EcrAutomation.Images.Tests.Fixtures;

/// <summary>The loopback-only AWS environment every test and child process gets.</summary>
internal static class TestEnvironment
{
    /// <summary>Sets the fake AWS environment on this process (children inherit it); nothing may reach a real endpoint.</summary>
    public static void ApplyToProcess()
    {
        FakeAwsEnvironment.ApplyToProcess();
        Environment.SetEnvironmentVariable("AWS_ENDPOINT_URL", "http://127.0.0.1:1");
    }
}
