namespace EcrAutomation.Aws.Logs;

/// <summary>CloudWatch Logs error codes that callers act on; compare with <see cref="AwsServiceException.ErrorCode"/>.</summary>
public static class LogsErrorCodes
{
    /// <summary>A log group with that name exists already.</summary>
    public const string ResourceAlreadyExists = "ResourceAlreadyExistsException";
    /// <summary>The log group does not exist.</summary>
    public const string ResourceNotFound = "ResourceNotFoundException";
    /// <summary>A parameter is invalid (for example a retention not in the allowed set).</summary>
    public const string InvalidParameter = "InvalidParameterException";
    /// <summary>The account's log group quota is reached.</summary>
    public const string LimitExceeded = "LimitExceededException";
}
