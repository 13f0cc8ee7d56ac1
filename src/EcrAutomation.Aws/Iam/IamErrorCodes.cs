namespace EcrAutomation.Aws.Iam;

/// <summary>IAM error codes (query-protocol <c>Error/Code</c>).</summary>
public static class IamErrorCodes
{
    /// <summary>The role, policy or attachment does not exist.</summary>
    public const string NoSuchEntity = "NoSuchEntity";
    /// <summary>A role or policy with that name exists already.</summary>
    public const string EntityAlreadyExists = "EntityAlreadyExists";
    /// <summary>The role still has attached or inline policies (or instance profiles), so it cannot be deleted.</summary>
    public const string DeleteConflict = "DeleteConflict";
    /// <summary>An account quota is reached (roles, attached policies per role, ...).</summary>
    public const string LimitExceeded = "LimitExceeded";
    /// <summary>The policy document is not valid policy JSON.</summary>
    public const string MalformedPolicyDocument = "MalformedPolicyDocument";
    /// <summary>A parameter is invalid (IAM's message names it).</summary>
    public const string InvalidInput = "InvalidInput";
    /// <summary>The role is service-linked or protected and cannot be changed.</summary>
    public const string UnmodifiableEntity = "UnmodifiableEntity";
    /// <summary>IAM failed on its side; the call is retried.</summary>
    public const string ServiceFailure = "ServiceFailure";
}
