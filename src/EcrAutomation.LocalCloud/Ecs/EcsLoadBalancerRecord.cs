namespace EcrAutomation.LocalCloud.Ecs;

/// <summary>A service's <c>loadBalancers</c> entry: the container port its tasks register in the target group.</summary>
internal sealed record EcsLoadBalancerRecord(string TargetGroupArn, string ContainerName, int ContainerPort);
