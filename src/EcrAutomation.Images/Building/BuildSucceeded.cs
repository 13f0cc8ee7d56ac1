using EcrAutomation.Images.Oci;
using EcrAutomation.Images.Registry;

namespace EcrAutomation.Images.Building;

/// <summary>The image was built.</summary>
public sealed record BuildSucceeded(BuildResult Result) : BuildOutcome;
