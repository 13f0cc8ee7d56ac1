using EcrAutomation.Automation;

namespace EcrAutomation.Cli.Commands;

/// <summary>The program a run uses, and whether choosing it changed the stack's recorded program.</summary>
internal sealed record ProgramChoice(string Name, PulumiFn Program, bool Changed);
