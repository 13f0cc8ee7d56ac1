namespace EcrAutomation.Aws;

/// <summary>A call (all attempts) or a waiter did not finish within its time budget.</summary>
public sealed class AwsTimeoutException(string message, Exception? innerException = null)
    : AwsException(message, innerException);
