namespace EcrAutomation;

/// <summary>Options for component resources.</summary>
public sealed class ComponentResourceOptions : ResourceOptions;
