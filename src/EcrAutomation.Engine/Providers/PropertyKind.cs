namespace EcrAutomation.Providers;

/// <summary>The kind of a <see cref="PropertyValue"/>.</summary>
public enum PropertyKind { Null, Bool, Number, String, List, Map, Secret, Unknown, Asset, Archive, ResourceReference }
