namespace EcrAutomation;

/// <summary>
/// An input that takes a value of either of two types, like Pulumi's <c>InputUnion&lt;T0, T1&gt;</c>: a plain value, an
/// output or an input of either converts implicitly (Kubernetes' <c>TargetPort = 8080</c> and <c>TargetPort = "http"</c>).
/// The provider receives the plain value (a number or a string), not a wrapper.
/// </summary>
public sealed class InputUnion<T0, T1> : Input<Union<T0, T1>>
{
    private InputUnion(Output<Union<T0, T1>> output) : base(output) { }

    /// <summary>A plain <typeparamref name="T0"/>.</summary>
    public static implicit operator InputUnion<T0, T1>(T0 value) => new(Output.Create(Union<T0, T1>.FromT0(value)));

    /// <summary>A plain <typeparamref name="T1"/>.</summary>
    public static implicit operator InputUnion<T0, T1>(T1 value) => new(Output.Create(Union<T0, T1>.FromT1(value)));

    /// <summary>An output of a <typeparamref name="T0"/>.</summary>
    public static implicit operator InputUnion<T0, T1>(Output<T0> value) => new(value.Apply(v => Union<T0, T1>.FromT0(v)));

    /// <summary>An output of a <typeparamref name="T1"/>.</summary>
    public static implicit operator InputUnion<T0, T1>(Output<T1> value) => new(value.Apply(v => Union<T0, T1>.FromT1(v)));

    /// <summary>An input of a <typeparamref name="T0"/>.</summary>
    public static implicit operator InputUnion<T0, T1>(Input<T0> value) => new(value.ToOutput().Apply(v => Union<T0, T1>.FromT0(v)));

    /// <summary>An input of a <typeparamref name="T1"/>.</summary>
    public static implicit operator InputUnion<T0, T1>(Input<T1> value) => new(value.ToOutput().Apply(v => Union<T0, T1>.FromT1(v)));

    /// <summary>A union value.</summary>
    public static implicit operator InputUnion<T0, T1>(Union<T0, T1> value) => new(Output.Create(value));

    /// <summary>An output of a union value.</summary>
    public static implicit operator InputUnion<T0, T1>(Output<Union<T0, T1>> value) => new(value);
}
