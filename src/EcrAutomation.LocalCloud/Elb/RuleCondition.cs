using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;

namespace EcrAutomation.LocalCloud.Elb;

/// <summary>
/// One listener rule condition; it matches when any of its values does. Fields: <c>path-pattern</c> (case-sensitive),
/// <c>host-header</c>, <c>http-header</c> (of <c>HeaderName</c>), <c>http-request-method</c>, <c>query-string</c>
/// (values <c>key=value</c> or <c>=value</c> for any key) and <c>source-ip</c> (CIDR blocks). Patterns take <c>*</c> and <c>?</c>.
/// </summary>
internal sealed record RuleCondition(string Field, IReadOnlyList<string> Values, string? HeaderName = null)
{
    public bool Matches(HttpContext context)
    {
        var request = context.Request;
        return Field switch
        {
            "path-pattern" => Values.Any(v => Wildcard(v, request.Path.Value ?? "/", ignoreCase: false)),
            "host-header" => Values.Any(v => Wildcard(v, request.Host.Host, ignoreCase: true)),
            "http-request-method" => Values.Any(v => string.Equals(v, request.Method, StringComparison.Ordinal)),
            "http-header" => HeaderName is not null
                && request.Headers[HeaderName].Any(h => Values.Any(v => Wildcard(v, h ?? string.Empty, ignoreCase: true))),
            "query-string" => Values.Any(v => QueryMatches(v, request.Query)),
            "source-ip" => context.Connection.RemoteIpAddress is { } remote
                && Values.Any(v => IPNetwork.TryParse(v, out var network) && network.Contains(remote.IsIPv4MappedToIPv6 ? remote.MapToIPv4() : remote)),
            _ => false,
        };
    }

    private static bool QueryMatches(string keyValue, IQueryCollection query)
    {
        var equals = keyValue.IndexOf('=', StringComparison.Ordinal);
        var key = equals > 0 ? keyValue[..equals] : null;
        var value = keyValue[(equals + 1)..];
        return query.Any(q => (key is null || Wildcard(key, q.Key, ignoreCase: true)) && q.Value.Any(v => Wildcard(value, v ?? string.Empty, ignoreCase: true)));
    }

    private static bool Wildcard(string pattern, string text, bool ignoreCase)
        => Regex.IsMatch(
            text,
            "^" + Regex.Escape(pattern).Replace(@"\*", ".*", StringComparison.Ordinal).Replace(@"\?", ".", StringComparison.Ordinal) + "$",
            (ignoreCase ? RegexOptions.IgnoreCase : RegexOptions.None) | RegexOptions.CultureInvariant,
            TimeSpan.FromSeconds(1));
}
