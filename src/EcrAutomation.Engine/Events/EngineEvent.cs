namespace EcrAutomation.Events;

/// <summary>
/// One engine event. Subtypes mirror Pulumi's event payloads (<c>preludeEvent</c>, <c>resourcePreEvent</c>, ...);
/// <see cref="EngineEventJson"/> writes them in Pulumi's JSON schema. Sequence numbers start at 0 and grow by one.
/// </summary>
public abstract record EngineEvent
{
    /// <summary>Position in the stream, from 0.</summary>
    public long Sequence { get; init; }
    /// <summary>Unix time in seconds.</summary>
    public long Timestamp { get; init; }

    /// <summary>The event as one line of Pulumi's event JSON (<see cref="EngineEventJson.Serialize"/>), for logs and <c>Console.WriteLine(e)</c>.</summary>
    public sealed override string ToString() => EngineEventJson.Serialize(this);
}
