namespace EcrAutomation.LocalCloud.Ecr;

/// <summary>An ECR error with AWS's exception name (the wire <c>__type</c>) and message.</summary>
internal sealed class EcrException(string errorType, string message, int statusCode = 400) : Exception(message)
{
    public string ErrorType { get; } = errorType;

    public int StatusCode { get; } = statusCode;

    public static EcrException InvalidParameter(string message) => new("InvalidParameterException", message);

    public static EcrException RepositoryNotFound(string name, string registryId)
        => new("RepositoryNotFoundException", $"The repository with name '{name}' does not exist in the registry with id '{registryId}'");

    public static EcrException ImageNotFound(string? digest, string? tag, string name, string registryId)
        => new("ImageNotFoundException", $"The image with imageId {{imageDigest:'{digest ?? "null"}', imageTag:'{tag ?? "null"}'}} does not exist within the repository with name '{name}' in the registry with id '{registryId}'");

    public static EcrException ImageTagAlreadyExists(string tag, string name)
        => new("ImageTagAlreadyExistsException", $"The image tag '{tag}' already exists in the '{name}' repository and cannot be overwritten because the repository is immutable.");
}
