using EcrAutomation.Images.Oci;

namespace EcrAutomation.Images.Registry;

/// <summary>The result of pushing one blob.</summary>
public sealed record BlobPushResult(Descriptor Descriptor, BlobPushOutcome Outcome, long BytesUploaded);
