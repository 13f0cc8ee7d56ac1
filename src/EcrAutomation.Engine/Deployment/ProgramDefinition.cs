namespace EcrAutomation.Deployment;

/// <summary>A program: a delegate returning the stack outputs, or a <see cref="Stack"/>-derived class.</summary>
internal sealed class ProgramDefinition
{
    private ProgramDefinition(Func<CancellationToken, Task<IDictionary<string, object?>?>>? run, Type? stackType)
    {
        Run = run;
        StackType = stackType;
    }

    internal Func<CancellationToken, Task<IDictionary<string, object?>?>>? Run { get; }
    internal Type? StackType { get; }

    public static ProgramDefinition FromDelegate(Func<CancellationToken, Task<IDictionary<string, object?>?>> run) => new(run, null);
    public static ProgramDefinition FromStack<TStack>() where TStack : Stack, new() => new(null, typeof(TStack));
}
