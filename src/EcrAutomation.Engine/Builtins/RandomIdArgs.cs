namespace EcrAutomation.Builtins;

/// <summary>Arguments of <see cref="RandomId"/>.</summary>
public sealed class RandomIdArgs : ResourceArgs
{
    [Input("byteLength", required: true)] public Input<int>? ByteLength { get; set; }
    [Input("prefix")] public Input<string>? Prefix { get; set; }
    [Input("keepers")] public InputMap<string>? Keepers { get; set; }
}
