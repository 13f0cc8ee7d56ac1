namespace EcrAutomation.Aws.Elb;

/// <summary>ELBv2 error codes (the wire code drops the shape's Exception suffix).</summary>
public static class ElbErrorCodes
{
    public const string DuplicateLoadBalancerName = "DuplicateLoadBalancerName";
    public const string DuplicateTargetGroupName = "DuplicateTargetGroupName";
    public const string DuplicateListener = "DuplicateListener";
    public const string LoadBalancerNotFound = "LoadBalancerNotFound";
    public const string TargetGroupNotFound = "TargetGroupNotFound";
    public const string ListenerNotFound = "ListenerNotFound";
    public const string ResourceInUse = "ResourceInUse";
    public const string InvalidConfigurationRequest = "InvalidConfigurationRequest";
    public const string ValidationError = "ValidationError";
}
