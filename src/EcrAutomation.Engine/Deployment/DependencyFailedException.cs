namespace EcrAutomation.Deployment;

/// <summary>A failure of a dependency; not reported again for each dependent.</summary>
internal sealed class DependencyFailedException(Exception inner) : Exception("a dependency failed", inner);
