namespace EcrAutomation.Lifecycle;

internal static class LifecyclePolicyValidator
{
    public static void Validate(LifecyclePolicy policy) => throw new NotImplementedException();
}
