using System.Text.Json;
using EcrAutomation.LocalCloud.Storage;

namespace EcrAutomation.LocalCloud;

/// <summary>
/// The state file <c>&lt;data directory&gt;/local-cloud.json</c> (mode 0600) that a running local cloud writes on start
/// and deletes on a clean stop, so that <c>local status</c> and <c>local stop</c> can find a detached instance.
/// Example: <c>{"processId":4242,"endpoint":"http://127.0.0.1:4566/","registryHost":"localhost:4566",
/// "dataDirectory":"/home/me/.ecr-automation/local-cloud","accountId":"123456789012","region":"us-east-1",
/// "startedAt":"2026-11-27T15:00:00+00:00","adminKey":"…"}</c>.
/// The admin key authorises <c>POST /_localcloud/shutdown</c> and <c>POST /_localcloud/lifecycle/apply</c>;
/// it is a local secret and is never printed.
/// </summary>
public sealed record LocalCloudState(
    int ProcessId,
    Uri Endpoint,
    string RegistryHost,
    string DataDirectory,
    string AccountId,
    string Region,
    DateTimeOffset StartedAt,
    string AdminKey)
{
    /// <summary>File name of the state file inside the data directory.</summary>
    public const string FileName = "local-cloud.json";

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>Full path of the state file for a data directory.</summary>
    public static string PathFor(string dataDirectory) => Path.Combine(dataDirectory, FileName);

    /// <summary>Reads the state file, or null when there is none or it is unreadable.</summary>
    public static LocalCloudState? TryRead(string dataDirectory)
    {
        try
        {
            return JsonSerializer.Deserialize<LocalCloudState>(File.ReadAllBytes(PathFor(dataDirectory)), JsonOptions);
        }
        catch (Exception ex) when (ex is IOException or JsonException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    internal async Task WriteAsync(CancellationToken cancellationToken = default)
    {
        var path = PathFor(DataDirectory);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(this, JsonOptions);
        var temp = AtomicFile.TempPathFor(path);
        await using (var stream = new FileStream(temp, AtomicFile.PrivateFile(FileMode.CreateNew)))
        {
            await stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
        }

        File.Move(temp, path, overwrite: true);
    }

    /// <summary>Hides the admin key.</summary>
    public override string ToString()
        => $"LocalCloudState {{ ProcessId = {ProcessId}, Endpoint = {Endpoint}, RegistryHost = {RegistryHost}, DataDirectory = {DataDirectory}, StartedAt = {StartedAt:O} }}";
}
