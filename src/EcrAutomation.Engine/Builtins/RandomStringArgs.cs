namespace EcrAutomation.Builtins;

/// <summary>Arguments of <see cref="RandomString"/>.</summary>
public sealed class RandomStringArgs : ResourceArgs
{
    /// <summary>How many characters (required, at least 1).</summary>
    [Input("length", required: true)] public Input<int>? Length { get; set; }
    /// <summary>Whether to use uppercase letters; default true.</summary>
    [Input("upper")] public Input<bool>? Upper { get; set; }
    /// <summary>Whether to use lowercase letters; default true.</summary>
    [Input("lower")] public Input<bool>? Lower { get; set; }
    /// <summary>Whether to use digits; default true.</summary>
    [Input("numeric")] public Input<bool>? Numeric { get; set; }
    /// <summary>Whether to use special characters; default true.</summary>
    [Input("special")] public Input<bool>? Special { get; set; }
    /// <summary>The special characters to use instead of the default set.</summary>
    [Input("overrideSpecial")] public Input<string>? OverrideSpecial { get; set; }
    /// <summary>Arbitrary values; changing any of them replaces the resource, making a new string.</summary>
    [Input("keepers")] public InputMap<string>? Keepers { get; set; }
}
