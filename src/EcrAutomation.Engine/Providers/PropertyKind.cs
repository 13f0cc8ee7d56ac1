namespace EcrAutomation.Providers;

/// <summary>The kind of a <see cref="PropertyValue"/>: Pulumi's property value kinds.</summary>
public enum PropertyKind
{
    /// <summary>No value.</summary>
    Null,
    /// <summary>A boolean.</summary>
    Bool,
    /// <summary>A number (a double, as in JSON).</summary>
    Number,
    /// <summary>A string.</summary>
    String,
    /// <summary>An ordered list of values.</summary>
    List,
    /// <summary>A map of names to values.</summary>
    Map,
    /// <summary>A value marked secret: encrypted in state, hidden in events and output.</summary>
    Secret,
    /// <summary>A value not known until the resource is created or updated (during preview).</summary>
    Unknown,
    /// <summary>A file or text asset.</summary>
    Asset,
    /// <summary>An archive of assets.</summary>
    Archive,
    /// <summary>A reference to another resource by URN (and id).</summary>
    ResourceReference,
}
