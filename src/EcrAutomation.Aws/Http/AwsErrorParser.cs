using System.Net;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;

namespace EcrAutomation.Aws.Http;

/// <summary>Turns an AWS error response in any of the four wire formats into an <see cref="AwsServiceException"/>.</summary>
internal static class AwsErrorParser
{
    /// <summary>Parses an error response.</summary>
    public static AwsServiceException Parse(AwsServiceInfo service, string operation, HttpResponseMessage response, byte[] body)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(response);
        var headerType = response.Headers.TryGetValues("x-amzn-ErrorType", out var values) ? values.FirstOrDefault() : null;
        return Parse(service.DisplayName, operation, response.StatusCode, headerType, HeaderRequestId(response), body);
    }

    /// <summary>Parses an error from its parts: status, the <c>x-amzn-ErrorType</c> header, the header request id and the body.</summary>
    public static AwsServiceException Parse(
        string service, string operation, HttpStatusCode status, string? errorTypeHeader, string? headerRequestId, byte[] body)
    {
        string? code = null;
        string? message = null;
        string? requestId = headerRequestId;
        var text = Encoding.UTF8.GetString(body).Trim();

        if (text.StartsWith('{'))
        {
            try
            {
                using var doc = JsonDocument.Parse(text);
                var root = doc.RootElement;
                code = String(root, "__type") ?? String(root, "code") ?? String(root, "Code");
                message = String(root, "message") ?? String(root, "Message") ?? String(root, "errorMessage");
            }
            catch (JsonException)
            {
                // not JSON after all; fall back to the status below
            }
        }
        else if (text.StartsWith('<'))
        {
            try
            {
                var root = XDocument.Parse(text).Root!;
                var error = root.Descendants().FirstOrDefault(e => e.Name.LocalName == "Error") ?? root;
                code = Child(error, "Code");
                message = Child(error, "Message");
                requestId = Child(root, "RequestId") ?? Child(root, "RequestID") ?? Child(error, "RequestId") ?? requestId;
            }
            catch (System.Xml.XmlException)
            {
                // not XML after all
            }
        }

        // restJson puts the code in x-amzn-ErrorType ("Code:http://..." in some services); it wins over the body.
        if (!string.IsNullOrEmpty(errorTypeHeader))
        {
            code = errorTypeHeader;
        }

        code = NormalizeCode(code) ?? "Http" + (int)status;
        message ??= status == HttpStatusCode.NotFound && code == "Http404" ? "Not Found" : $"HTTP {(int)status} {status}";
        return AwsServiceException.Create(service, operation, code, message, status, requestId);
    }

    /// <summary>Request id from the usual response headers.</summary>
    public static string? HeaderRequestId(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        foreach (var name in new[] { "x-amzn-RequestId", "x-amz-request-id", "x-amzn-requestid" })
        {
            if (response.Headers.TryGetValues(name, out var values) && values.FirstOrDefault() is { Length: > 0 } id)
            {
                return id;
            }
        }

        return null;
    }

    /// <summary>Strips an <c>ns#</c> prefix and a <c>:uri</c> suffix from an error code.</summary>
    public static string? NormalizeCode(string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return null;
        }

        code = code.Trim();
        var hash = code.LastIndexOf('#');
        if (hash >= 0)
        {
            code = code[(hash + 1)..];
        }

        var colon = code.IndexOf(':');
        if (colon > 0)
        {
            code = code[..colon];
        }

        return code.Length == 0 ? null : code;
    }

    private static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static string? Child(XElement element, string name) =>
        element.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value;
}
