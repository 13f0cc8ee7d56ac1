namespace EcrAutomation.LocalCloud.Eks;

/// <summary>An image in the local cloud's registry: the registry host it was named with, its repository and manifest digest.</summary>
internal sealed record LocalImage(string Host, string Repository, string Digest);
