using System.Net;

namespace EcrAutomation.LocalCloud.Tests.Elb;

/// <summary>Front doors resolve a request's Host header to the loopback end point serving that cloud name.</summary>
public sealed class FrontDoorsTests
{
    [Fact]
    public void TryResolve_HostHeaderWithPortCaseOrTrailingDot_FindsTheRegisteredName()
    {
        var doors = new FrontDoors();
        var loopback = new IPEndPoint(IPAddress.Loopback, 41234);
        doors.Register("Web-1.us-east-1.elb.amazonaws.com", loopback, "alb");

        foreach (var host in new[] { "web-1.us-east-1.elb.amazonaws.com", "WEB-1.us-east-1.elb.amazonaws.com:4566", "web-1.us-east-1.elb.amazonaws.com." })
        {
            doors.TryResolve(host, out var door).ShouldBeTrue(host);
            door!.Loopback.ShouldBe(loopback);
            door.Url.ShouldBe(new Uri("http://127.0.0.1:41234/"));
        }

        doors.TryResolve("127.0.0.1:4566", out _).ShouldBeFalse();
        doors.Unregister("web-1.us-east-1.elb.amazonaws.com");
        doors.TryResolve("web-1.us-east-1.elb.amazonaws.com", out _).ShouldBeFalse();
        doors.All.ShouldBeEmpty();
    }

    [Fact]
    public void Resolve_AStacksUrlOutput_KeepsPathAndQuery_UnknownHostIsNull()
    {
        FrontDoorSummary[] doors = [new("web-1.us-east-1.elb.amazonaws.com", "alb", new Uri("http://127.0.0.1:41234/"))];

        FrontDoorSummary.Resolve(doors, "web-1.us-east-1.elb.amazonaws.com").ShouldBe(new Uri("http://127.0.0.1:41234/"));
        FrontDoorSummary.Resolve(doors, "http://web-1.us-east-1.elb.amazonaws.com/a/b?c=d").ShouldBe(new Uri("http://127.0.0.1:41234/a/b?c=d"));
        FrontDoorSummary.Resolve(doors, "web-1.us-east-1.elb.amazonaws.com/a").ShouldBe(new Uri("http://127.0.0.1:41234/a"));
        FrontDoorSummary.Resolve(doors, "other-1.us-east-1.elb.amazonaws.com").ShouldBeNull();
    }
}
