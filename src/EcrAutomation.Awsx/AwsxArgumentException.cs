namespace EcrAutomation.Awsx;

/// <summary>A program error in Crosswalk component arguments (the same conditions awsx rejects).</summary>
public sealed class AwsxArgumentException(string message) : ArgumentException(message);
