namespace EcrAutomation.Aws.Elb;

/// <summary>ELBv2 error codes (the wire code drops the shape's Exception suffix).</summary>
public static class ElbErrorCodes
{
    /// <summary>A load balancer with that name exists already.</summary>
    public const string DuplicateLoadBalancerName = "DuplicateLoadBalancerName";
    /// <summary>A target group with that name exists already.</summary>
    public const string DuplicateTargetGroupName = "DuplicateTargetGroupName";
    /// <summary>The load balancer has a listener on that port already.</summary>
    public const string DuplicateListener = "DuplicateListener";
    /// <summary>The load balancer does not exist.</summary>
    public const string LoadBalancerNotFound = "LoadBalancerNotFound";
    /// <summary>The target group does not exist.</summary>
    public const string TargetGroupNotFound = "TargetGroupNotFound";
    /// <summary>The listener does not exist.</summary>
    public const string ListenerNotFound = "ListenerNotFound";
    /// <summary>The resource is still used (a target group by a listener or rule), so it cannot be deleted yet.</summary>
    public const string ResourceInUse = "ResourceInUse";
    /// <summary>The requested configuration is not valid (for example subnets in one availability zone).</summary>
    public const string InvalidConfigurationRequest = "InvalidConfigurationRequest";
    /// <summary>The request failed input validation.</summary>
    public const string ValidationError = "ValidationError";
}
