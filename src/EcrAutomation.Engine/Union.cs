namespace EcrAutomation;

/// <summary>Non-generic view of a union, used by serialization: the value it holds, whichever type that is.</summary>
internal interface IUnion
{
    object? Value { get; }
}

/// <summary>
/// A value of one of two types, like Pulumi's <c>Union&lt;T0, T1&gt;</c>: the output side of a property that takes either
/// (Kubernetes' <c>IntOrString</c> is <c>Union&lt;int, string&gt;</c>). The engine sends it as the plain value it holds and
/// reads a provider's value back as whichever type the value's kind fits, trying <typeparamref name="T0"/> first.
/// </summary>
public readonly struct Union<T0, T1> : IEquatable<Union<T0, T1>>, IUnion
{
    private readonly T0 _value0;
    private readonly T1 _value1;

    private Union(T0 value0, T1 value1, bool isT0)
    {
        _value0 = value0;
        _value1 = value1;
        IsT0 = isT0;
    }

    /// <summary>Whether the value is a <typeparamref name="T0"/>.</summary>
    public bool IsT0 { get; }

    /// <summary>Whether the value is a <typeparamref name="T1"/>.</summary>
    public bool IsT1 => !IsT0;

    /// <summary>The value as a <typeparamref name="T0"/>.</summary>
    /// <exception cref="InvalidOperationException">The value is a <typeparamref name="T1"/>.</exception>
    public T0 AsT0 => IsT0 ? _value0 : throw new InvalidOperationException($"The union holds a {typeof(T1).Name}, not a {typeof(T0).Name}.");

    /// <summary>The value as a <typeparamref name="T1"/>.</summary>
    /// <exception cref="InvalidOperationException">The value is a <typeparamref name="T0"/>.</exception>
    public T1 AsT1 => IsT1 ? _value1 : throw new InvalidOperationException($"The union holds a {typeof(T0).Name}, not a {typeof(T1).Name}.");

    /// <summary>The value, whichever type it is.</summary>
    public object? Value => IsT0 ? _value0 : _value1;

    /// <summary>A union holding a <typeparamref name="T0"/>.</summary>
    public static Union<T0, T1> FromT0(T0 value) => new(value, default!, isT0: true);

    /// <summary>A union holding a <typeparamref name="T1"/>.</summary>
    public static Union<T0, T1> FromT1(T1 value) => new(default!, value, isT0: false);

    /// <summary>A union holding a <typeparamref name="T0"/>.</summary>
    public static implicit operator Union<T0, T1>(T0 value) => FromT0(value);

    /// <summary>A union holding a <typeparamref name="T1"/>.</summary>
    public static implicit operator Union<T0, T1>(T1 value) => FromT1(value);

    /// <summary>Maps the value, whichever type it is, to one result.</summary>
    public TResult Match<TResult>(Func<T0, TResult> f0, Func<T1, TResult> f1) => IsT0 ? f0(_value0) : f1(_value1);

    /// <summary>Runs the action for the type the value is.</summary>
    public void Switch(Action<T0> f0, Action<T1> f1)
    {
        if (IsT0) f0(_value0);
        else f1(_value1);
    }

    /// <summary>Whether both hold the same type and equal values.</summary>
    public bool Equals(Union<T0, T1> other) =>
        IsT0 == other.IsT0 && (IsT0 ? EqualityComparer<T0>.Default.Equals(_value0, other._value0) : EqualityComparer<T1>.Default.Equals(_value1, other._value1));

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is Union<T0, T1> other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(IsT0, Value);

    /// <summary>The value's text.</summary>
    public override string ToString() => Value?.ToString() ?? "";

    /// <summary>Whether both hold the same type and equal values.</summary>
    public static bool operator ==(Union<T0, T1> left, Union<T0, T1> right) => left.Equals(right);

    /// <summary>Whether they differ in type or value.</summary>
    public static bool operator !=(Union<T0, T1> left, Union<T0, T1> right) => !left.Equals(right);
}
