namespace EcrAutomation.Deployment;

/// <summary>A step failed; the engine has already reported it.</summary>
internal sealed class DeploymentStepException(string message, Exception? inner = null) : Exception(message, inner);
