namespace EcrAutomation.Builtins;

/// <summary>Arguments of <see cref="RandomId"/>.</summary>
public sealed class RandomIdArgs : ResourceArgs
{
    /// <summary>How many random bytes (required, at least 1).</summary>
    [Input("byteLength", required: true)] public Input<int>? ByteLength { get; set; }
    /// <summary>Text put before each encoding of the bytes.</summary>
    [Input("prefix")] public Input<string>? Prefix { get; set; }
    /// <summary>Arbitrary values; changing any of them replaces the resource, making new bytes.</summary>
    [Input("keepers")] public InputMap<string>? Keepers { get; set; }
}
