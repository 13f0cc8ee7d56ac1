using EcrAutomation.Schema;

namespace EcrAutomation.Yaml.Analysis;

/// <summary>A template that passed the check: its entries in evaluation order and each resource's type.</summary>
/// <param name="Order">Config, variables and resources such that each comes after everything it refers to.</param>
/// <param name="ResourceTypes">Each resource's type, by resource key.</param>
/// <param name="DefaultProviders">For each package with a <c>defaultProvider: true</c> provider, that provider's key.</param>
internal sealed record CheckedTemplate(
    IReadOnlyList<TemplateNode> Order,
    IReadOnlyDictionary<string, ResourceTypeInfo> ResourceTypes,
    IReadOnlyDictionary<string, string> DefaultProviders);
