using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace EcrAutomation.KubernetesApi.Http;

/// <summary>An API failure as a <c>meta/v1 Status</c> (what every Kubernetes client parses from an error response).</summary>
internal sealed class ApiStatus : Exception
{
    public ApiStatus(int code, string reason, string message, JsonObject? details = null)
        : base(message)
    {
        Code = code;
        Reason = reason;
        Details = details;
    }

    public int Code { get; }

    public string Reason { get; }

    public JsonObject? Details { get; }

    public static ApiStatus BadRequest(string message) => new(StatusCodes.Status400BadRequest, "BadRequest", message);

    public static ApiStatus NotFound(string message, JsonObject? details = null) => new(StatusCodes.Status404NotFound, "NotFound", message, details);

    public static ApiStatus MethodNotAllowed(string message) => new(StatusCodes.Status405MethodNotAllowed, "MethodNotAllowed", message);

    public static ApiStatus Unauthorized() => new(StatusCodes.Status401Unauthorized, "Unauthorized", "Unauthorized");

    public static ApiStatus UnsupportedMediaType(string contentType) =>
        new(StatusCodes.Status415UnsupportedMediaType, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json (got {contentType})");

    /// <summary>422 Invalid with one cause per bad field, as the API server's validation reports it.</summary>
    public static ApiStatus Invalid(string kind, string group, string name, IReadOnlyList<(string Field, string Type, string Message)> causes)
    {
        var described = group.Length == 0 ? kind : $"{kind}.{group}";
        var message = $"{described} \"{name}\" is invalid: " + string.Join(", ", causes.Select(c => $"{c.Field}: {c.Message}"));
        var details = new JsonObject
        {
            ["name"] = name,
            ["group"] = group,
            ["kind"] = kind,
            ["causes"] = new JsonArray(causes.Select(c => (JsonNode)new JsonObject
            {
                ["reason"] = c.Type,
                ["message"] = c.Message,
                ["field"] = c.Field,
            }).ToArray()),
        };
        if (group.Length == 0)
        {
            details.Remove("group");
        }

        return new ApiStatus(StatusCodes.Status422UnprocessableEntity, "Invalid", message, details);
    }

    public JsonObject ToJson() => Body(Code, Reason, Message, Details);

    public static JsonObject Body(int code, string reason, string message, JsonObject? details = null)
    {
        var body = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = message,
            ["reason"] = reason,
            ["code"] = code,
        };
        if (details is not null)
        {
            body["details"] = details.DeepClone();
        }

        return body;
    }
}
