using System.Net;

namespace EcrAutomation.LocalCloud;

/// <summary>A host name the local cloud serves on a loopback port: an ALB's DNS name, an EKS LoadBalancer Service's hostname.</summary>
/// <param name="HostName">The name clients use (lower case), e.g. <c>web-lb-1.us-east-1.elb.amazonaws.com</c>.</param>
/// <param name="Loopback">Where the front door listens.</param>
/// <param name="Kind">What serves it, e.g. <c>alb</c> or <c>eks-service</c>, for <c>local status</c>.</param>
internal sealed record FrontDoor(string HostName, IPEndPoint Loopback, string Kind)
{
    /// <summary>The URL a client on this machine reaches the front door with.</summary>
    public Uri Url => new($"http://{Loopback}/");
}
