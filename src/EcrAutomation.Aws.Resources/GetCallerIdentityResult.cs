using EcrAutomation.Providers;

namespace EcrAutomation.Aws.Resources;

/// <summary>What <see cref="GetCallerIdentity"/> answers (pulumi-aws's <c>GetCallerIdentityResult</c> members).</summary>
public sealed record GetCallerIdentityResult
{
    /// <summary>The account id, as the id.</summary>
    public required string Id { get; init; }
    /// <summary>The 12-digit account id.</summary>
    public required string AccountId { get; init; }
    /// <summary>The ARN of the caller (user or assumed role).</summary>
    public required string Arn { get; init; }
    /// <summary>The caller's unique id.</summary>
    public required string UserId { get; init; }

    internal static GetCallerIdentityResult From(PropertyMap map) => new()
    {
        Id = map.GetString("id")!,
        AccountId = map.GetString("accountId")!,
        Arn = map.GetString("arn")!,
        UserId = map.GetString("userId")!,
    };
}
