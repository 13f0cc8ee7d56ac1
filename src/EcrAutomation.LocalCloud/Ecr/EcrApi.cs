using System.Text.Json;
using System.Text.Json.Serialization;
using EcrAutomation.LocalCloud.Auth;
using EcrAutomation.LocalCloud.Ecr.Handlers;
using EcrAutomation.LocalCloud.Ecr.Messages;
using EcrAutomation.LocalCloud.Storage;
using Microsoft.AspNetCore.Http;

namespace EcrAutomation.LocalCloud.Ecr;

/// <summary>
/// The ECR control plane (awsJson1.1, <c>AmazonEC2ContainerRegistry_V20150921.*</c>): reads the body into the operation's
/// request record, checks the registry id, runs the handler and writes its response record or the ECR error.
/// </summary>
internal sealed class EcrApi
{
    public const string TargetPrefix = "AmazonEC2ContainerRegistry_V20150921.";
    private const string ContentType = "application/x-amz-json-1.1";

    /// <summary>ECR's wire names are the members in camel case (tags' <c>Key</c>/<c>Value</c> say so themselves); absent members are left out.</summary>
    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private readonly EcrContext _ecr;
    private readonly LayerHandlers _layers;
    private readonly Dictionary<string, EcrOperation> _operations;

    public EcrApi(RegistryState state, RegistryTokens tokens, LifecycleRunner lifecycle, Func<string> registryHost, Func<Uri> endpoint)
    {
        _ecr = new EcrContext(state, registryHost);
        _layers = new LayerHandlers(_ecr, tokens, endpoint);
        _operations = new RepositoryHandlers(_ecr).Operations
            .Concat(new RepositoryPolicyHandlers(_ecr).Operations)
            .Concat(new ResourceTagHandlers(_ecr).Operations)
            .Concat(new ImageHandlers(_ecr).Operations)
            .Concat(new AuthorizationHandler(_ecr, tokens).Operations)
            .Concat(_layers.Operations)
            .Concat(new LifecyclePolicyHandlers(_ecr, lifecycle).Operations)
            .ToDictionary(o => o.Name, StringComparer.Ordinal);
    }

    public async Task HandleAsync(HttpContext context, string operation)
    {
        object response;
        try
        {
            if (!_operations.TryGetValue(operation, out var handler))
            {
                throw new EcrException("UnknownOperationException", $"Operation {operation} is not supported by the local ECR.");
            }

            var request = await ReadRequestAsync(context, handler.RequestType).ConfigureAwait(false);
            EcrValidation.RegistryId(request.RegistryId);
            if (request.RegistryId is { } registryId && registryId != _ecr.AccountId && operation != "GetAuthorizationToken")
            {
                throw EcrException.RepositoryNotFound((request as RepositoryRequest)?.RepositoryName ?? string.Empty, registryId);
            }

            response = await handler.InvokeAsync(request, context.RequestAborted).ConfigureAwait(false);
        }
        catch (EcrException ex)
        {
            await WriteErrorAsync(context, ex.StatusCode, ex.ErrorType, ex.Message).ConfigureAwait(false);
            return;
        }

        context.Response.StatusCode = 200;
        context.Response.ContentType = ContentType;
        await JsonSerializer.SerializeAsync(context.Response.Body, response, response.GetType(), Json, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Checks a download URL produced by GetDownloadUrlForLayer.</summary>
    public bool ValidateDownload(string digest, string? expires, string? signature) => _layers.ValidateDownload(digest, expires, signature);

    public static async Task WriteErrorAsync(HttpContext context, int status, string type, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = ContentType;
        context.Response.Headers["X-Amzn-ErrorType"] = type;
        await JsonSerializer.SerializeAsync(context.Response.Body, new ErrorResponse(type, message), Json, context.RequestAborted).ConfigureAwait(false);
    }

    private static async Task<EcrRequest> ReadRequestAsync(HttpContext context, Type requestType)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted).ConfigureAwait(false);
        try
        {
            return JsonSerializer.Deserialize(body.GetBuffer().AsSpan(0, (int)body.Length), requestType, Json) as EcrRequest ?? throw NotAnObject();
        }
        catch (JsonException)
        {
            throw Unreadable(body.GetBuffer().AsMemory(0, (int)body.Length));
        }
    }

    /// <summary>Names what is wrong with a body the request record could not be read from, in ECR's words.</summary>
    private static EcrException Unreadable(ReadOnlyMemory<byte> body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? new EcrException("SerializationException", "A request member has the wrong type for this operation.")
                : NotAnObject();
        }
        catch (JsonException)
        {
            return new EcrException("SerializationException", "The request body is not valid JSON.");
        }
    }

    private static EcrException NotAnObject() => new("SerializationException", "Start of structure or map found where not expected.");
}
