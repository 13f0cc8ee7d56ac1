using System.Globalization;
using System.Text;
using EcrAutomation.LocalCloud.Ecr.Messages;

namespace EcrAutomation.LocalCloud.Ecr;

/// <summary>ECR's list paging: <c>maxResults</c> within the operation's bounds and an opaque <c>nextToken</c> (an offset here).</summary>
internal static class EcrPagination
{
    private const string TokenPrefix = "ecr-local:";

    public static (List<T> Page, string? NextToken) Paginate<T>(IReadOnlyList<T> items, IPagedRequest request, int defaultPage, int max)
    {
        var maxResults = request.MaxResults ?? defaultPage;
        if (maxResults < 1 || maxResults > max)
        {
            throw EcrException.InvalidParameter($"Invalid parameter at 'maxResults' failed to satisfy constraint: 'Member must have value between 1 and {max}'");
        }

        var offset = request.NextToken is { } token ? Decode(token) : 0;
        var page = items.Skip(offset).Take(maxResults).ToList();
        var next = offset + page.Count < items.Count
            ? Convert.ToBase64String(Encoding.UTF8.GetBytes(TokenPrefix + (offset + page.Count).ToString(CultureInfo.InvariantCulture)))
            : null;
        return (page, next);
    }

    private static int Decode(string token)
    {
        string decoded;
        try
        {
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(token));
        }
        catch (FormatException)
        {
            decoded = string.Empty;
        }

        return decoded.StartsWith(TokenPrefix, StringComparison.Ordinal)
            && int.TryParse(decoded.AsSpan(TokenPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var offset)
            ? offset
            : throw EcrException.InvalidParameter("Invalid parameter at 'nextToken' failed to satisfy constraint: 'Invalid NextToken'");
    }
}
