namespace EcrAutomation.LocalCloud.Ecs;

/// <summary>A service event (<c>(service web) has reached a steady state.</c>), as <c>DescribeServices</c> lists them.</summary>
internal sealed record EcsServiceEventRecord(string Id, DateTimeOffset CreatedAt, string Message);
