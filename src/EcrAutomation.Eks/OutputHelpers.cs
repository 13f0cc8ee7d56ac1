namespace EcrAutomation.Eks;

/// <summary>Combining outputs inside the component (<c>Output.Tuple</c> takes inputs, whose types C# does not infer from outputs).</summary>
internal static class OutputHelpers
{
    public static Output<(A, B)> Both<A, B>(Output<A> a, Output<B> b) => Output.Tuple<A, B>(a, b);

    public static Output<(A, B, C)> Three<A, B, C>(Output<A> a, Output<B> b, Output<C> c) => Output.Tuple<A, B, C>(a, b, c);
}
