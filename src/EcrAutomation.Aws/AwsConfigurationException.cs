namespace EcrAutomation.Aws;

/// <summary>Region or credentials could not be resolved, or an option is invalid.</summary>
public sealed class AwsConfigurationException(string message, Exception? innerException = null)
    : AwsException(message, innerException);
