namespace EcrAutomation.Aws.Resources.DeployedImages;

/// <summary>What <see cref="DeployedImageGuard.FindExpiringAsync"/> found.</summary>
/// <param name="Deployed">The images the policy would expire that a workload runs.</param>
/// <param name="Unchecked">Why some workloads could not be checked (an EKS cluster that cannot be reached, say), one
/// message each naming what was skipped: show them as warnings, since what they run is not protected.</param>
public sealed record DeployedImageScan(IReadOnlyList<DeployedImage> Deployed, IReadOnlyList<string> Unchecked)
{
    /// <summary>Nothing deployed would expire, and everything was checked.</summary>
    public static DeployedImageScan Empty { get; } = new([], []);
}
