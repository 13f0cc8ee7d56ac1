namespace EcrAutomation.Providers;

/// <summary>The outcome of <see cref="IResourceProvider.CheckAsync"/>: the inputs to use, or why they are invalid.</summary>
/// <param name="Inputs">The validated inputs with defaults filled (for example an auto-name).</param>
/// <param name="Failures">Why the inputs are invalid; any failure stops the step before the provider is called again.</param>
public sealed record CheckResponse(PropertyMap Inputs, IReadOnlyList<CheckFailure> Failures)
{
    /// <summary>Valid inputs, without failures.</summary>
    /// <param name="inputs">The validated inputs.</param>
    public static CheckResponse Ok(PropertyMap inputs) => new(inputs, []);
}
