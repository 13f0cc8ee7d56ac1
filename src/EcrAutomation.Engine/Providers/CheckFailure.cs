namespace EcrAutomation.Providers;

/// <summary>Why a resource's inputs are invalid, reported by <see cref="IResourceProvider.CheckAsync"/>.</summary>
/// <param name="Property">The input property at fault, or null when the problem is not one property's.</param>
/// <param name="Reason">What is wrong and how to fix it, shown to the user as is.</param>
public sealed record CheckFailure(string? Property, string Reason);
