namespace EcrAutomation.Aws.Ecs;

/// <summary>ECS error codes.</summary>
public static class EcsErrorCodes
{
    public const string ClusterNotFound = "ClusterNotFoundException";
    public const string ClusterContainsServices = "ClusterContainsServicesException";
    public const string ClusterContainsTasks = "ClusterContainsTasksException";
    public const string ServiceNotFound = "ServiceNotFoundException";
    public const string ServiceNotActive = "ServiceNotActiveException";
    public const string InvalidParameter = "InvalidParameterException";
    public const string Client = "ClientException";
    public const string Server = "ServerException";
    public const string ResourceNotFound = "ResourceNotFoundException";
}
