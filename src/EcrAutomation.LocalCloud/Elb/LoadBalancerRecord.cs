namespace EcrAutomation.LocalCloud.Elb;

/// <summary>A load balancer as moto keeps it; <c>Type</c> is <c>application</c>, <c>network</c> or <c>gateway</c>.</summary>
internal sealed record LoadBalancerRecord(string Arn, string Name, string DnsName, string Type);
