namespace EcrAutomation;

internal interface IInput
{
    IOutput ToOutputObject();
}

/// <summary>A value given to a resource: either a plain value or an output of another resource.</summary>
public class Input<T> : IInput
{
    private readonly Output<T> _output;

    private protected Input(Output<T> output) => _output = output;

    internal virtual Output<T> ToOutput() => _output;

    IOutput IInput.ToOutputObject() => ToOutput();

    /// <summary>A plain value, known at once.</summary>
    public static implicit operator Input<T>(T value) => new(Output.Create(value));
    /// <summary>An output of another resource: the resource waits for it and depends on its resources.</summary>
    public static implicit operator Input<T>(Output<T> value) => new(value);
    /// <summary>The input as an output.</summary>
    public static implicit operator Output<T>(Input<T> input) => input.ToOutput();

    /// <summary>Applies a function to the input's value once known.</summary>
    public Output<U> Apply<U>(Func<T, U> func) => ToOutput().Apply(func);
}
