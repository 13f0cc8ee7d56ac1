using System.Net;
using System.Text.Json;

namespace EcrAutomation.Images.Registry;

/// <summary>Turns a failed registry response into the typed <see cref="RegistryException"/> family.</summary>
internal static class RegistryErrors
{
    public static async Task EnsureSuccessAsync(HttpResponseMessage response, string registry, string operation, CancellationToken cancellationToken)
    {
        if (response.IsSuccessStatusCode)
        {
            return;
        }

        var error = await ReadAsync(response, cancellationToken).ConfigureAwait(false);
        var status = response.StatusCode;
        var message = $"{operation} on {registry} failed: {(int)status} {error.Code}: {error.Message}".TrimEnd(' ', ':');
        throw status switch
        {
            HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => new RegistryAuthenticationException(message, status, error.Code),
            HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests or >= HttpStatusCode.InternalServerError
                when status != HttpStatusCode.NotImplemented => new RegistryTransientException(message, status, error.Code),
            _ => new RegistryException(message, status, error.Code),
        };
    }

    /// <summary>The first entry of the distribution spec's <c>errors</c> array, or the start of whatever else the body holds.</summary>
    public static async Task<(string? Code, string? Message)> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            if (string.IsNullOrWhiteSpace(body))
            {
                return (null, response.ReasonPhrase);
            }

            using var document = JsonDocument.Parse(body);
            if (document.RootElement.TryGetProperty("errors", out var errors) && errors.ValueKind == JsonValueKind.Array && errors.GetArrayLength() > 0)
            {
                var first = errors[0];
                return (first.TryGetProperty("code", out var c) ? c.GetString() : null, first.TryGetProperty("message", out var m) ? m.GetString() : null);
            }

            return (null, body.Length > 300 ? body[..300] : body);
        }
        catch (JsonException)
        {
            return (null, response.ReasonPhrase);
        }
    }
}
