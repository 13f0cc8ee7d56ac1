using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace EcrAutomation.LocalCloud.Tests.Infrastructure;

/// <summary>An in-process local cloud on a free port with a temporary data directory (moto off unless asked).</summary>
public class LocalCloudFixture : IAsyncLifetime
{
    private readonly bool _startMoto;

    public LocalCloudFixture()
        : this(startMoto: false)
    {
    }

    protected LocalCloudFixture(bool startMoto) => _startMoto = startMoto;

    public string DataDirectory { get; } = Directory.CreateTempSubdirectory("localcloud-test-").FullName;

    public LocalCloudServer Server { get; private set; } = null!;

    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(60) };

    public virtual async Task InitializeAsync()
        => Server = await LocalCloudServer.StartAsync(new LocalCloudOptions { Port = 0, DataDirectory = DataDirectory, StartMoto = _startMoto });

    public virtual async Task DisposeAsync()
    {
        await Server.DisposeAsync();
        Http.Dispose();
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Calls an ECR operation over awsJson1.1 with a dummy SigV4 header.</summary>
    public Task<(int Status, JsonObject Body)> EcrAsync(string operation, object request) => EcrAsync(Server, Http, operation, request);

    public static Task<(int Status, JsonObject Body)> EcrAsync(LocalCloudServer server, HttpClient http, string operation, object request)
        => EcrBodyAsync(server, http, operation, System.Text.Json.JsonSerializer.Serialize(request));

    /// <summary>Calls an ECR operation with a raw request body (which need not be JSON at all).</summary>
    public Task<(int Status, JsonObject Body)> EcrBodyAsync(string operation, string body) => EcrBodyAsync(Server, Http, operation, body);

    private static async Task<(int Status, JsonObject Body)> EcrBodyAsync(LocalCloudServer server, HttpClient http, string operation, string body)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, server.Endpoint)
        {
            Content = new StringContent(body, Encoding.UTF8),
        };
        message.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.1");
        message.Headers.Add("X-Amz-Target", "AmazonEC2ContainerRegistry_V20150921." + operation);
        message.Headers.TryAddWithoutValidation("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDTESTFAKE00000000/20261127/us-east-1/ecr/aws4_request, SignedHeaders=host, Signature=00");
        using var response = await http.SendAsync(message);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, (JsonObject)JsonNode.Parse(text)!);
    }

    public async Task<JsonObject> EcrOkAsync(string operation, object request)
    {
        var (status, body) = await EcrAsync(operation, request);
        status.ShouldBe(200, body.ToJsonString());
        return body;
    }

    public Task CreateRepositoryAsync(string name, string mutability = "MUTABLE")
        => EcrOkAsync("CreateRepository", new { repositoryName = name, imageTagMutability = mutability });

    /// <summary>Basic auth header value, as docker sends it.</summary>
    public string BasicAuth() => Convert.ToBase64String(Encoding.UTF8.GetBytes("AWS:" + Server.CreateRegistryPassword()));

    public Uri Url(string path) => new(Server.Endpoint, path);

    /// <summary>A registry request with valid credentials.</summary>
    public HttpRequestMessage RegistryRequest(HttpMethod method, string path, HttpContent? content = null)
    {
        var message = new HttpRequestMessage(method, Url(path)) { Content = content };
        message.Headers.Authorization = new AuthenticationHeaderValue("Basic", BasicAuth());
        return message;
    }
}

/// <summary>A local cloud with moto forwarding.</summary>
public sealed class MotoLocalCloudFixture() : LocalCloudFixture(startMoto: true);
