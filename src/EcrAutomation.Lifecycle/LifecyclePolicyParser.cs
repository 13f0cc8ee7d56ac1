namespace EcrAutomation.Lifecycle;

internal static class LifecyclePolicyParser
{
    public static LifecyclePolicy Parse(string json) => throw new NotImplementedException();
}
