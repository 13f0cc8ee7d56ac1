namespace EcrAutomation.Deployment;

/// <summary>A step failed; the engine has already reported it.</summary>
public sealed class DeploymentStepException(string message, Exception? inner = null) : Exception(message, inner);
