namespace EcrAutomation.Aws.Ecs;

/// <summary>ECS error codes that callers act on; compare with <see cref="AwsServiceException.ErrorCode"/>.</summary>
public static class EcsErrorCodes
{
    /// <summary>The cluster does not exist.</summary>
    public const string ClusterNotFound = "ClusterNotFoundException";
    /// <summary>The cluster still has ACTIVE or DRAINING services, so it cannot be deleted.</summary>
    public const string ClusterContainsServices = "ClusterContainsServicesException";
    /// <summary>The cluster still has running tasks, so it cannot be deleted.</summary>
    public const string ClusterContainsTasks = "ClusterContainsTasksException";
    /// <summary>The service does not exist in the cluster.</summary>
    public const string ServiceNotFound = "ServiceNotFoundException";
    /// <summary>The service is DRAINING or INACTIVE, so it cannot be updated.</summary>
    public const string ServiceNotActive = "ServiceNotActiveException";
    /// <summary>A parameter is invalid (ECS's message names it).</summary>
    public const string InvalidParameter = "InvalidParameterException";
    /// <summary>ECS rejected the request (for example an unknown task definition or cluster); its message explains why.</summary>
    public const string Client = "ClientException";
    /// <summary>ECS failed on its side; the call is retried.</summary>
    public const string Server = "ServerException";
    /// <summary>The tagged resource does not exist.</summary>
    public const string ResourceNotFound = "ResourceNotFoundException";
}
