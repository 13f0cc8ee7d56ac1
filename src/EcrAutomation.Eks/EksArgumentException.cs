namespace EcrAutomation.Eks;

/// <summary>A program error in <see cref="ClusterArgs"/>: a combination pulumi-eks rejects, or an argument this component does not support.</summary>
public sealed class EksArgumentException(string message) : ArgumentException(message);
