using EcrAutomation.Images.Oci;

namespace EcrAutomation.Workloads;

/// <summary>An image unpacked once into the host's cache: its root filesystem (never written to) and its config.</summary>
internal sealed record UnpackedImage(string RootFs, ContainerConfig? Config);
