namespace EcrAutomation.Aws.Logs;

/// <summary>CloudWatch Logs error codes.</summary>
public static class LogsErrorCodes
{
    public const string ResourceAlreadyExists = "ResourceAlreadyExistsException";
    public const string ResourceNotFound = "ResourceNotFoundException";
    public const string InvalidParameter = "InvalidParameterException";
    public const string LimitExceeded = "LimitExceededException";
}
