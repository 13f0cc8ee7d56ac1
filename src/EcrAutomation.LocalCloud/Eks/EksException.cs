namespace EcrAutomation.LocalCloud.Eks;

/// <summary>An EKS error: AWS's exception name (sent in <c>x-amzn-ErrorType</c>), message and HTTP status.</summary>
internal sealed class EksException(string errorType, string message, int statusCode) : Exception(message)
{
    public string ErrorType { get; } = errorType;

    public int StatusCode { get; } = statusCode;

    public static EksException InvalidParameter(string message) => new("InvalidParameterException", message, 400);

    public static EksException InvalidRequest(string message) => new("InvalidRequestException", message, 400);

    public static EksException NotFound(string message) => new("ResourceNotFoundException", message, 404);

    public static EksException InUse(string message) => new("ResourceInUseException", message, 409);

    public static EksException ClusterNotFound(string name) => NotFound($"No cluster found for name: {name}.");
}
