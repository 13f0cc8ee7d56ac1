using EcrAutomation.Images.Oci;
using EcrAutomation.Images.Registry;

namespace EcrAutomation.Images.Building;

/// <summary>
/// The Dockerfile needs a Docker engine (for example a <c>RUN</c> instruction); nothing was built.
/// <see cref="Message"/> names the line and says how to proceed.
/// </summary>
public sealed record BuildRequiresDockerEngine(int Line, string Instruction, string Message) : BuildOutcome;
