namespace EcrAutomation.Lifecycle;

internal static class LifecyclePolicyWriter
{
    public static string Write(LifecyclePolicy policy) => throw new NotImplementedException();
}
