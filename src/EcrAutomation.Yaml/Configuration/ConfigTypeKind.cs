namespace EcrAutomation.Yaml.Configuration;

/// <summary>The kinds of config entry types.</summary>
internal enum ConfigTypeKind
{
    String,
    Integer,
    Number,
    Boolean,
    Object,
    List,
}
