using EcrAutomation.Deployment;

namespace EcrAutomation.Automation;

/// <summary>An inline program: a delegate that creates resources and returns the stack outputs, or a Stack class.</summary>
public sealed class PulumiFn
{
    private PulumiFn(ProgramDefinition definition) => Definition = definition;

    internal ProgramDefinition Definition { get; }

    /// <summary>An asynchronous program that returns the stack outputs; the token is canceled when the operation is.</summary>
    public static PulumiFn Create(Func<CancellationToken, Task<IDictionary<string, object?>>> program) =>
        new(ProgramDefinition.FromDelegate(async ct => await program(ct).ConfigureAwait(false)));

    /// <summary>An asynchronous program that returns the stack outputs.</summary>
    public static PulumiFn Create(Func<Task<IDictionary<string, object?>>> program) => Create(_ => program());

    /// <summary>A program that returns the stack outputs.</summary>
    public static PulumiFn Create(Func<IDictionary<string, object?>> program) => Create(_ => Task.FromResult(program()));

    /// <summary>An asynchronous program without outputs.</summary>
    public static PulumiFn Create(Func<Task> program) =>
        new(ProgramDefinition.FromDelegate(async _ => { await program().ConfigureAwait(false); return null; }));

    /// <summary>A program without outputs.</summary>
    public static PulumiFn Create(Action program) =>
        new(ProgramDefinition.FromDelegate(_ => { program(); return Task.FromResult<IDictionary<string, object?>?>(null); }));

    /// <summary>A program written as a class deriving from <see cref="Stack"/>; its [Output] properties are the outputs.</summary>
    public static PulumiFn Create<TStack>() where TStack : Stack, new() => new(ProgramDefinition.FromStack<TStack>());
}
