namespace EcrAutomation.Providers;

public sealed record CheckResponse(PropertyMap Inputs, IReadOnlyList<CheckFailure> Failures)
{
    public static CheckResponse Ok(PropertyMap inputs) => new(inputs, []);
}
