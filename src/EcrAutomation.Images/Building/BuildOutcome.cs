using EcrAutomation.Images.Oci;
using EcrAutomation.Images.Registry;

namespace EcrAutomation.Images.Building;

/// <summary>The outcome of a daemonless build.</summary>
public abstract record BuildOutcome;
