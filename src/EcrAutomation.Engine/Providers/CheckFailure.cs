namespace EcrAutomation.Providers;

/// <summary>A check failure on one property.</summary>
public sealed record CheckFailure(string? Property, string Reason);
