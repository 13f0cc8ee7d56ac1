using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using EcrAutomation.Workloads;

namespace EcrAutomation.LocalCloud.Ecs;

/// <summary>
/// The <c>awslogs</c> log driver for one container: its stdout/stderr lines, batched, written to the CloudWatch Logs
/// stream <c>&lt;awslogs-stream-prefix&gt;/&lt;container&gt;/&lt;task-id&gt;</c> of group <c>awslogs-group</c> (moto's logs API).
/// Like the driver, it creates the stream, and the group only when <c>awslogs-create-group</c> is <c>true</c>.
/// </summary>
internal sealed class AwsLogsStream(string group, string stream, string region, string accessKeyId, bool createGroup)
{
    private const int MaxBatch = 1000;

    private readonly ConcurrentQueue<ContainerLogLine> _pending = new();
    private readonly SemaphoreSlim _flushing = new(1, 1);

    public string Group { get; } = group;

    public string Stream { get; } = stream;

    /// <summary>The driver for a container definition whose <c>logConfiguration</c> uses awslogs; null otherwise.</summary>
    public static AwsLogsStream? For(JsonObject containerDefinition, string taskId, string defaultRegion, string accessKeyId)
    {
        if (containerDefinition["logConfiguration"] is not JsonObject configuration
            || configuration["logDriver"]?.GetValue<string>() != "awslogs"
            || configuration["options"] is not JsonObject options
            || options["awslogs-group"]?.GetValue<string>() is not { Length: > 0 } group)
        {
            return null;
        }

        var name = containerDefinition["name"]!.GetValue<string>();
        var prefix = options["awslogs-stream-prefix"]?.GetValue<string>();
        var stream = string.IsNullOrEmpty(prefix) ? $"{name}/{taskId}" : $"{prefix}/{name}/{taskId}";
        var region = options["awslogs-region"]?.GetValue<string>() is { Length: > 0 } r ? r : defaultRegion;
        var create = string.Equals(options["awslogs-create-group"]?.GetValue<string>(), "true", StringComparison.OrdinalIgnoreCase);
        return new AwsLogsStream(group, stream, region, accessKeyId, create);
    }

    public void Add(ContainerLogLine line) => _pending.Enqueue(line);

    /// <summary>Creates the stream (and the group when asked to), as the driver does before the container starts.</summary>
    /// <exception cref="MotoCallException">The group does not exist (and may not be created), or Logs failed.</exception>
    public async Task CreateAsync(MotoCaller moto, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["logGroupName"] = Group, ["logStreamName"] = Stream };
        try
        {
            await moto.CallAsync("logs", "Logs_20140328.CreateLogStream", body, accessKeyId, region, cancellationToken).ConfigureAwait(false);
        }
        catch (MotoCallException e) when (e.ErrorType == "ResourceAlreadyExistsException")
        {
        }
        catch (MotoCallException e) when (e.ErrorType == "ResourceNotFoundException" && createGroup)
        {
            try
            {
                await moto.CallAsync("logs", "Logs_20140328.CreateLogGroup", new JsonObject { ["logGroupName"] = Group }, accessKeyId, region, cancellationToken).ConfigureAwait(false);
            }
            catch (MotoCallException again) when (again.ErrorType == "ResourceAlreadyExistsException")
            {
            }

            await moto.CallAsync("logs", "Logs_20140328.CreateLogStream", body.DeepClone().AsObject(), accessKeyId, region, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Writes the lines received so far (in batches, oldest first).</summary>
    public async Task FlushAsync(MotoCaller moto, CancellationToken cancellationToken)
    {
        await _flushing.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            while (!_pending.IsEmpty)
            {
                var events = new JsonArray();
                while (events.Count < MaxBatch && _pending.TryDequeue(out var line))
                {
                    events.Add(new JsonObject { ["timestamp"] = line.Timestamp.ToUnixTimeMilliseconds(), ["message"] = line.Text });
                }

                var body = new JsonObject { ["logGroupName"] = Group, ["logStreamName"] = Stream, ["logEvents"] = events };
                await moto.CallAsync("logs", "Logs_20140328.PutLogEvents", body, accessKeyId, region, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _flushing.Release();
        }
    }
}
