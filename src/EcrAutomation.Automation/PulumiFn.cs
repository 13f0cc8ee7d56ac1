using EcrAutomation.Deployment;

namespace EcrAutomation.Automation;

/// <summary>An inline program: a delegate that creates resources and returns the stack outputs, or a Stack class.</summary>
public sealed class PulumiFn
{
    private PulumiFn(ProgramDefinition definition) => Definition = definition;

    internal ProgramDefinition Definition { get; }

    public static PulumiFn Create(Func<CancellationToken, Task<IDictionary<string, object?>>> program) =>
        new(ProgramDefinition.FromDelegate(async ct => await program(ct).ConfigureAwait(false)));

    public static PulumiFn Create(Func<Task<IDictionary<string, object?>>> program) => Create(_ => program());

    public static PulumiFn Create(Func<IDictionary<string, object?>> program) => Create(_ => Task.FromResult(program()));

    public static PulumiFn Create(Func<Task> program) =>
        new(ProgramDefinition.FromDelegate(async _ => { await program().ConfigureAwait(false); return null; }));

    public static PulumiFn Create(Action program) =>
        new(ProgramDefinition.FromDelegate(_ => { program(); return Task.FromResult<IDictionary<string, object?>?>(null); }));

    /// <summary>A program written as a class deriving from <see cref="Stack"/>; its [Output] properties are the outputs.</summary>
    public static PulumiFn Create<TStack>() where TStack : Stack, new() => new(ProgramDefinition.FromStack<TStack>());
}
