namespace EcrAutomation.Kubernetes.Runtime;

/// <summary>An object was written but did not become ready (or go away) in time; the message says why.</summary>
internal sealed class AwaitFailedException(string message) : Exception(message);
