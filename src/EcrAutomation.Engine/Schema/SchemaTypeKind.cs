namespace EcrAutomation.Schema;

/// <summary>The kinds of values a resource or function property takes, as Pulumi's package schema names them.</summary>
public enum SchemaTypeKind
{
    /// <summary>Text.</summary>
    String,
    /// <summary>A whole number.</summary>
    Integer,
    /// <summary>A number.</summary>
    Number,
    /// <summary>True or false.</summary>
    Boolean,
    /// <summary>A list; <see cref="SchemaType.Items"/> is the element type.</summary>
    Array,
    /// <summary>A map from strings; <see cref="SchemaType.Items"/> is the value type.</summary>
    Map,
    /// <summary>An object with named properties (<see cref="SchemaType.Properties"/>), a type of the package's <c>types</c>.</summary>
    Object,
    /// <summary>A reference to a resource of <see cref="SchemaType.TypeToken"/>.</summary>
    Resource,
    /// <summary>An asset (a file's content: text, a path or a URI).</summary>
    Asset,
    /// <summary>An archive (a folder's content, or assets by name).</summary>
    Archive,
    /// <summary>Any value.</summary>
    Any,
    /// <summary>A value of one of several types (<see cref="SchemaType.OneOf"/>), as Kubernetes' int-or-string.</summary>
    Union,
}
