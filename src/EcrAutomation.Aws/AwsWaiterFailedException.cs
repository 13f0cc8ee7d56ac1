namespace EcrAutomation.Aws;

/// <summary>A waiter reached a state from which the awaited state cannot follow (e.g. a load balancer in <c>failed</c>).</summary>
public sealed class AwsWaiterFailedException(string message) : AwsException(message);
