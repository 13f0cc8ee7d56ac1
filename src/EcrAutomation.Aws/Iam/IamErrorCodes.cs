namespace EcrAutomation.Aws.Iam;

/// <summary>IAM error codes (query-protocol <c>Error/Code</c>).</summary>
public static class IamErrorCodes
{
    public const string NoSuchEntity = "NoSuchEntity";
    public const string EntityAlreadyExists = "EntityAlreadyExists";
    public const string DeleteConflict = "DeleteConflict";
    public const string LimitExceeded = "LimitExceeded";
    public const string MalformedPolicyDocument = "MalformedPolicyDocument";
    public const string InvalidInput = "InvalidInput";
    public const string UnmodifiableEntity = "UnmodifiableEntity";
    public const string ServiceFailure = "ServiceFailure";
}
