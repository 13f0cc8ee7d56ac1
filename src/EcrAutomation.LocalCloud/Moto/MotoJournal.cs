using System.Text.Json;
using EcrAutomation.LocalCloud.Storage;

namespace EcrAutomation.LocalCloud.Moto;

/// <summary>
/// moto keeps its state in memory only. This journal (<c>moto-requests.ndjson</c> in the data directory, mode 0600) holds,
/// in the order moto served them, every request that may have changed that state, plus the first request of each
/// credential scope (it may create moto's backend for that account, region and service, e.g. EC2's default VPC).
/// moto's random generator is seeded with each entry's seed just before serving it, and moto draws every id from that
/// generator, so replaying the journal into a fresh moto rebuilds the same resources with the same ids and ARNs.
/// Callers serialise all moto traffic around <see cref="Append"/> (see <see cref="MotoProxy"/>).
/// </summary>
internal sealed class MotoJournal(string path)
{
    public const string FileName = "moto-requests.ndjson";

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);
    private readonly HashSet<string> _scopes = new(StringComparer.Ordinal);

    /// <summary>Whether <paramref name="request"/> must be journaled to be replayable.</summary>
    public bool MustRecord(MotoRequest request) => !request.IsMotoApi && (request.MayChangeState || !_scopes.Contains(request.Scope));

    /// <summary>The journaled requests in order. A torn last line (a crash mid-append) is ignored: moto never answered it.</summary>
    public IReadOnlyList<MotoRequest> Read()
    {
        if (!File.Exists(path))
        {
            return [];
        }

        var requests = new List<MotoRequest>();
        foreach (var line in File.ReadLines(path).Where(l => l.Length > 0))
        {
            try
            {
                requests.Add(JsonSerializer.Deserialize<MotoRequest>(line, JsonOptions)!);
            }
            catch (JsonException)
            {
                break;
            }
        }

        _scopes.UnionWith(requests.Select(r => r.Scope));
        return requests;
    }

    /// <summary>Appends one request; it reaches the operating system before the caller answers, so a kill -9 keeps it.</summary>
    public void Append(MotoRequest request)
    {
        var line = JsonSerializer.SerializeToUtf8Bytes(request, JsonOptions);
        using var stream = new FileStream(path, AtomicFile.PrivateFile(FileMode.Append));
        stream.Write(line);
        stream.WriteByte((byte)'\n');
        _scopes.Add(request.Scope);
    }

    /// <summary>Forgets everything (after moto's own <c>/moto-api/reset</c>).</summary>
    public void Clear()
    {
        AtomicFile.TryDelete(path);
        _scopes.Clear();
    }
}
