namespace EcrAutomation.LocalCloud.Eks;

/// <summary>A node group's size (AWS's NodegroupScalingConfig).</summary>
internal sealed record EksScalingConfig(int MinSize, int MaxSize, int DesiredSize);
