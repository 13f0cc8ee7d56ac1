using EcrAutomation.Providers;

namespace EcrAutomation.Aws.Resources;

/// <summary>The outputs and read results the providers return.</summary>
internal static class ProviderResults
{
    /// <summary>The inputs plus the computed outputs (without the auto-naming bookkeeping).</summary>
    public static PropertyMap Outputs(PropertyMap inputs, params (string Key, PropertyValue Value)[] computed)
    {
        var outputs = inputs.Remove(AutoNaming.DefaultsKey);
        foreach (var (k, v) in computed) outputs = outputs.Set(k, v);
        return outputs;
    }

    /// <summary>The read result for refresh/import: the inputs as AWS reports them, and the outputs derived from them.</summary>
    public static ReadResponse Read(string id, PropertyMap inputs, params (string Key, PropertyValue Value)[] computed) =>
        new(id, Outputs(inputs, computed), inputs);
}
