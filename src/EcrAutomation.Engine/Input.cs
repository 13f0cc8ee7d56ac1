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

    public static implicit operator Input<T>(T value) => new(Output.Create(value));
    public static implicit operator Input<T>(Output<T> value) => new(value);
    public static implicit operator Output<T>(Input<T> input) => input.ToOutput();

    /// <summary>Applies a function to the input's value once known.</summary>
    public Output<U> Apply<U>(Func<T, U> func) => ToOutput().Apply(func);
}
