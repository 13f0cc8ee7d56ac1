namespace EcrAutomation.Awsx;

/// <summary>Small helpers for combining inputs and outputs inside components.</summary>
internal static class OutputHelpers
{
    public static Output<T> AsOutput<T>(this Input<T> input) => input;

    public static Output<(A, B)> Both<A, B>(Output<A> a, Output<B> b) => Output.Tuple<A, B>(a, b);

    public static Output<(A, B, C)> Three<A, B, C>(Output<A> a, Output<B> b, Output<C> c) => Output.Tuple<A, B, C>(a, b, c);
}
