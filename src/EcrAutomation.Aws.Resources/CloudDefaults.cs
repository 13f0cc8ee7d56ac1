using EcrAutomation.Providers;

namespace EcrAutomation.Aws.Resources;

/// <summary>
/// The values a cloud service gives properties a program may leave unset (ECR: tag mutability MUTABLE, scan on push off).
/// Refresh and diff go through here so an unset property and its default are the same thing: a refresh keeps the
/// program's inputs, updates the properties the program set with their live values, and adds an unset one only when its
/// live value is not the default (real drift, which the next up repairs); a diff compares with the defaults filled in.
/// </summary>
internal sealed class CloudDefaults(params (string Key, PropertyValue Value)[] defaults)
{
    /// <summary>
    /// The inputs a refresh (or an import, with no program inputs) records, given the properties read from the cloud;
    /// a null value means the cloud has none (for example no tags). Properties not read keep the program's values.
    /// </summary>
    public PropertyMap Refreshed(PropertyMap? programInputs, PropertyMap live)
    {
        var inputs = programInputs ?? PropertyMap.Empty;
        foreach (var (key, value) in live)
        {
            if (value.IsNull) inputs = inputs.Remove(key);
            else if (inputs.ContainsKey(key) || !IsDefault(key, value)) inputs = inputs.Set(key, value);
        }
        return inputs;
    }

    /// <summary><see cref="ProviderDiff.Compare"/> with every unset property taken at its default on both sides.</summary>
    public DiffResponse Compare(PropertyMap oldInputs, PropertyMap newInputs, IEnumerable<string> replaceOnChange, IEnumerable<string>? ignoreChanges = null) =>
        ProviderDiff.Compare(Filled(oldInputs), Filled(newInputs), replaceOnChange, ignoreChanges);

    private PropertyMap Filled(PropertyMap inputs)
    {
        foreach (var (key, value) in defaults)
            if (!inputs.TryGetValue(key, out var given) || given.IsNull) inputs = inputs.Set(key, value);
        return inputs;
    }

    private bool IsDefault(string key, PropertyValue value) =>
        defaults.Any(d => d.Key == key && d.Value.Equals(value.Unsecret()));
}
