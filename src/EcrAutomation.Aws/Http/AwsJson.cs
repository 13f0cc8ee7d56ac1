using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace EcrAutomation.Aws.Http;

/// <summary>JSON settings shared by the awsJson1.1 and restJson clients: model member names, nulls omitted, epoch-second timestamps.</summary>
internal static class AwsJson
{
    /// <summary>The serializer options.</summary>
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        };
        options.Converters.Add(new EpochSecondsConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    /// <summary>Reads and writes <see cref="DateTimeOffset"/> as epoch seconds (a JSON number, fractions allowed); also reads ISO strings.</summary>
    public sealed class EpochSecondsConverter : JsonConverter<DateTimeOffset>
    {
        /// <inheritdoc />
        public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType == JsonTokenType.String)
            {
                var text = reader.GetString()!;
                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)
                    ? FromSeconds(seconds)
                    : DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
            }

            return FromSeconds(reader.GetDouble());
        }

        /// <inheritdoc />
        public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
            writer.WriteNumberValue(value.ToUnixTimeMilliseconds() / 1000.0);

        private static DateTimeOffset FromSeconds(double seconds) =>
            DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(seconds * 1000.0));
    }
}

/// <summary>awsJson1.1 protocol: <c>POST /</c>, <c>X-Amz-Target: &lt;prefix&gt;.&lt;Operation&gt;</c>, JSON in and out.</summary>
internal sealed class AwsJsonProtocol(AwsRequestExecutor executor, AwsServiceInfo service, string targetPrefix)
{
    private static readonly MediaTypeHeaderValue ContentType = new("application/x-amz-json-1.1");

    public AwsRequestExecutor Executor => executor;

    public async Task<TResponse> InvokeAsync<TRequest, TResponse>(string operation, TRequest request, CancellationToken cancellationToken, bool idempotent = true)
    {
        var body = JsonSerializer.SerializeToUtf8Bytes(request, AwsJson.Options);
        var response = await executor.SendAsync(
            service, operation,
            endpoint =>
            {
                var message = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent(body) };
                message.Content.Headers.ContentType = ContentType;
                message.Headers.TryAddWithoutValidation("X-Amz-Target", targetPrefix + operation);
                return message;
            },
            body, cancellationToken, idempotent).ConfigureAwait(false);
        return Deserialize<TResponse>(response.Body);
    }

    internal static T Deserialize<T>(byte[] body) =>
        (body.Length == 0 ? JsonSerializer.Deserialize<T>("{}"u8, AwsJson.Options) : JsonSerializer.Deserialize<T>(body, AwsJson.Options))
        ?? throw new AwsException($"Empty JSON response where {typeof(T).Name} was expected.");
}
