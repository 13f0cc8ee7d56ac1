namespace EcrAutomation.Builtins;

/// <summary>Arguments of <see cref="RandomString"/>.</summary>
public sealed class RandomStringArgs : ResourceArgs
{
    [Input("length", required: true)] public Input<int>? Length { get; set; }
    [Input("upper")] public Input<bool>? Upper { get; set; }
    [Input("lower")] public Input<bool>? Lower { get; set; }
    [Input("numeric")] public Input<bool>? Numeric { get; set; }
    [Input("special")] public Input<bool>? Special { get; set; }
    [Input("overrideSpecial")] public Input<string>? OverrideSpecial { get; set; }
    [Input("keepers")] public InputMap<string>? Keepers { get; set; }
}
