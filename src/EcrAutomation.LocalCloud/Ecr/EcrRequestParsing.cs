using EcrAutomation.LocalCloud.Ecr.Messages;
using EcrAutomation.LocalCloud.Storage;

namespace EcrAutomation.LocalCloud.Ecr;

/// <summary>Turns the request members several operations share into records, with ECR's validation and messages.</summary>
internal static class EcrRequestParsing
{
    // The tag status filters of the image lists.
    public const string Tagged = "TAGGED";
    public const string Untagged = "UNTAGGED";
    public const string Any = "ANY";

    /// <summary>A string list with JSON nulls read as empty strings (which then fail validation like any bad value).</summary>
    public static List<string>? Strings(List<string?>? values) => values?.Select(v => v ?? string.Empty).ToList();

    public static List<TagRecord> Tags(List<TagMessage?>? tags)
    {
        var result = new List<TagRecord>();
        foreach (var tag in tags ?? [])
        {
            if (tag is null)
            {
                continue;
            }

            if (tag.Key is not { } key || tag.Value is not { } value)
            {
                throw new EcrException("InvalidTagParameterException", "Invalid parameter at 'tags' failed to satisfy constraint: 'Key and Value must not be null'");
            }

            if (key.Length is < 1 or > 128)
            {
                throw new EcrException("InvalidTagParameterException", "Invalid parameter at 'Key' failed to satisfy constraint: 'Member must have length between 1 and 128'");
            }

            if (value.Length > 256)
            {
                throw new EcrException("InvalidTagParameterException", "Invalid parameter at 'Value' failed to satisfy constraint: 'Member must have length less than or equal to 256'");
            }

            result.RemoveAll(t => t.Key == key);
            result.Add(new TagRecord(key, value));
        }

        if (result.Count > 50)
        {
            throw new EcrException("TooManyTagsException", "The repository can have at most 50 tags.");
        }

        return result;
    }

    public static IReadOnlyList<TagMessage> Tags(IEnumerable<TagRecord> tags) => [.. tags.Select(t => new TagMessage { Key = t.Key, Value = t.Value })];

    /// <summary>Tag mutability and its exclusion filters, which must come together (1 to 5 filters with a <c>*_WITH_EXCLUSION</c> setting, none otherwise).</summary>
    public static (string Mutability, List<ExclusionFilterRecord> Filters) Mutability(string? mutability, List<ExclusionFilterMessage?>? filters)
    {
        const string field = "imageTagMutability";
        const string filtersField = "imageTagMutabilityExclusionFilters";
        mutability ??= "MUTABLE";
        if (mutability is not ("MUTABLE" or "IMMUTABLE" or "IMMUTABLE_WITH_EXCLUSION" or "MUTABLE_WITH_EXCLUSION"))
        {
            throw EcrException.InvalidParameter($"Invalid parameter at '{field}' failed to satisfy constraint: 'Member must satisfy enum value set: [MUTABLE, IMMUTABLE, IMMUTABLE_WITH_EXCLUSION, MUTABLE_WITH_EXCLUSION]'");
        }

        var records = new List<ExclusionFilterRecord>();
        foreach (var item in filters ?? [])
        {
            if (item is null)
            {
                continue;
            }

            var type = item.FilterType ?? "WILDCARD";
            var filter = item.Filter ?? string.Empty;
            if (type != "WILDCARD" || !EcrValidation.ExclusionFilterPattern().IsMatch(filter))
            {
                throw EcrException.InvalidParameter($"Invalid parameter at '{filtersField}' failed to satisfy constraint: 'filter must satisfy regular expression '^[0-9a-zA-Z._*-]{{1,128}}$' and filterType must be WILDCARD'");
            }

            records.Add(new ExclusionFilterRecord(type, filter));
        }

        var withExclusion = mutability.EndsWith("_WITH_EXCLUSION", StringComparison.Ordinal);
        if (withExclusion != (records.Count > 0) || records.Count > 5)
        {
            throw EcrException.InvalidParameter($"Invalid parameter at '{filtersField}' failed to satisfy constraint: '1 to 5 exclusion filters are required with IMMUTABLE_WITH_EXCLUSION and MUTABLE_WITH_EXCLUSION and not allowed otherwise'");
        }

        return (mutability, records);
    }

    /// <summary>1 to 100 image ids; null when absent and not <paramref name="required"/>.</summary>
    public static List<ImageIdentifier>? ImageIds(List<ImageIdentifier?>? ids, bool required)
    {
        if (ids is null)
        {
            return required
                ? throw EcrException.InvalidParameter("Invalid parameter at 'imageIds' failed to satisfy constraint: 'Member must not be null'")
                : null;
        }

        if (ids.Count is < 1 or > 100)
        {
            throw EcrException.InvalidParameter("Invalid parameter at 'imageIds' failed to satisfy constraint: 'Member must have length between 1 and 100'");
        }

        return [.. ids.Select(id => id ?? new ImageIdentifier())];
    }

    public static string TagStatus(TagStatusFilterMessage? filter)
    {
        var status = filter?.TagStatus ?? Any;
        return status is Tagged or Untagged or Any
            ? status
            : throw EcrException.InvalidParameter("Invalid parameter at 'filter.tagStatus' failed to satisfy constraint: 'Member must satisfy enum value set: [TAGGED, UNTAGGED, ANY]'");
    }

    public static bool MatchesTagStatus(int tagCount, string status) => status switch
    {
        Tagged => tagCount > 0,
        Untagged => tagCount == 0,
        _ => true,
    };
}
