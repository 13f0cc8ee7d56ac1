using System.Text;
using EcrAutomation.LocalCloud.Eks;
using Microsoft.AspNetCore.WebUtilities;

namespace EcrAutomation.LocalCloud.Tests.Eks;

/// <summary>The checks on <c>aws eks get-token</c> tokens that need no signature: shape, signed headers, age.</summary>
public sealed class EksTokenValidatorTests
{
    private static readonly DateTimeOffset SignedAt = new(2026, 12, 5, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Validate_AcceptsAGetTokenShapedTokenWithinFifteenMinutes()
    {
        var result = EksTokenValidator.Validate(Token(), SignedAt.AddMinutes(14));
        result.IsAccepted.ShouldBeTrue(result.RefusalReason);
        result.AccessKeyId.ShouldBe("AKIDTESTFAKE00000000");
    }

    [Theory]
    [InlineData(16, "expired")]
    [InlineData(-10, "future")]
    public void Validate_RefusesTokensOutsideTheirLifetime(int minutesAfterSigning, string reason)
        => EksTokenValidator.Validate(Token(), SignedAt.AddMinutes(minutesAfterSigning)).RefusalReason!.ShouldContain(reason);

    [Fact]
    public void Validate_RefusesATokenWhoseSignatureDoesNotCoverTheClusterHeader()
        => EksTokenValidator.Validate(Token(signedHeaders: "host"), SignedAt).RefusalReason!.ShouldContain("x-k8s-aws-id");

    [Theory]
    [InlineData("Bearer-ish", "does not start with k8s-aws-v1.")]
    [InlineData("k8s-aws-v1.!!!", "not the base64url")]
    public void Validate_RefusesMalformedTokens(string token, string reason)
        => EksTokenValidator.Validate(token, SignedAt).RefusalReason!.ShouldContain(reason);

    [Fact]
    public void Validate_RefusesOtherHostsAndActions()
    {
        EksTokenValidator.Validate(Token(host: "https://evil.example.com/"), SignedAt).RefusalReason!.ShouldContain("not an STS endpoint");
        EksTokenValidator.Validate(Token(action: "AssumeRole"), SignedAt).RefusalReason!.ShouldContain("GetCallerIdentity");
    }

    private static string Token(string host = "https://sts.us-east-1.amazonaws.com/", string action = "GetCallerIdentity", string signedHeaders = "host;x-k8s-aws-id")
    {
        var url = $"{host}?Action={action}&Version=2011-06-15&X-Amz-Algorithm=AWS4-HMAC-SHA256"
                  + "&X-Amz-Credential=AKIDTESTFAKE00000000%2F20261205%2Fus-east-1%2Fsts%2Faws4_request"
                  + $"&X-Amz-Date={SignedAt:yyyyMMdd'T'HHmmss'Z'}&X-Amz-Expires=60&X-Amz-SignedHeaders={Uri.EscapeDataString(signedHeaders)}&X-Amz-Signature=abc123";
        return EksTokenValidator.Prefix + WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(url));
    }
}
