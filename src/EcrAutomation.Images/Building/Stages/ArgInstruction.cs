namespace EcrAutomation.Images.Building.Stages;

/// <summary>
/// A stage's <c>ARG</c>: the value comes from the build args, else the instruction's default, else a global or
/// automatic (<c>TARGETPLATFORM</c>, ...) arg. Records every name it declares, so that unused build args can be reported.
/// </summary>
internal static class ArgInstruction
{
    public static void Apply(StageState state, DockerfileInstruction instruction, StagePlan plan, IReadOnlyDictionary<string, string> buildArgs, ISet<string> consumed, char escape)
    {
        foreach (var token in ShellWords.SplitRaw(instruction.Arguments, escape))
        {
            var eq = token.IndexOf('=', StringComparison.Ordinal);
            var name = eq < 0 ? token : token[..eq];
            consumed.Add(name);
            if (buildArgs.TryGetValue(name, out var provided))
            {
                state.Args[name] = provided;
            }
            else if (eq >= 0)
            {
                state.Args[name] = ShellWords.ExpandWord(token[(eq + 1)..], state.Lookup, escape);
            }
            else if (plan.GlobalArgs.TryGetValue(name, out var global) || plan.AutomaticArgs.TryGetValue(name, out global))
            {
                state.Args[name] = global;
            }
        }
    }
}
