namespace EcrAutomation.Aws;

/// <summary>Base type of every exception this library throws for a failed AWS call.</summary>
public class AwsException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AwsException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
