namespace EcrAutomation.Lifecycle;

/// <summary>Applies a lifecycle policy to a set of images the way ECR does.</summary>
public static class LifecycleEvaluator
{
    /// <summary>Decides which images the policy expires (or transitions) at <paramref name="now"/>.</summary>
    /// <param name="policy">A validated policy.</param>
    /// <param name="images">The repository's images; digests must be unique.</param>
    /// <param name="now">The evaluation time (age rules compare against it).</param>
    /// <returns>The expired, transitioned and kept images.</returns>
    public static LifecycleEvaluation Evaluate(LifecyclePolicy policy, IEnumerable<LifecycleImage> images, DateTimeOffset now) =>
        throw new NotImplementedException();
}
