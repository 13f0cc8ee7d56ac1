using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using EcrAutomation.LocalCloud.Storage;

namespace EcrAutomation.LocalCloud.Ecr;

/// <summary>Request parsing and response shaping shared by the ECR operations.</summary>
internal sealed partial class EcrApi
{
    private sealed record ImageId(string? Digest, string? Tag);

    private static string? Str(JsonObject? o, string name)
        => o?[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static string RequiredString(JsonObject o, string name)
        => Str(o, name) ?? throw EcrException.InvalidParameter($"Invalid parameter at '{name}' failed to satisfy constraint: 'Member must not be null'");

    private static string RepositoryNameOf(JsonObject request)
    {
        var name = RequiredString(request, "repositoryName");
        EcrValidation.RepositoryName(name);
        return name;
    }

    private static List<string>? StringList(JsonNode? node)
        => node is JsonArray array ? [.. array.Select(n => n?.GetValue<string>() ?? string.Empty)] : null;

    private static List<TagRecord> ParseTags(JsonNode? node)
    {
        var result = new List<TagRecord>();
        if (node is not JsonArray array)
        {
            return result;
        }

        foreach (var item in array.OfType<JsonObject>())
        {
            var key = Str(item, "Key");
            var value = Str(item, "Value");
            if (key is null || value is null)
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

    private static (string Mutability, List<ExclusionFilterRecord> Filters) ParseMutability(JsonObject request, string field, string filtersField, string fallback)
    {
        var mutability = Str(request, field) ?? fallback;
        if (mutability is not ("MUTABLE" or "IMMUTABLE" or "IMMUTABLE_WITH_EXCLUSION" or "MUTABLE_WITH_EXCLUSION"))
        {
            throw EcrException.InvalidParameter($"Invalid parameter at '{field}' failed to satisfy constraint: 'Member must satisfy enum value set: [MUTABLE, IMMUTABLE, IMMUTABLE_WITH_EXCLUSION, MUTABLE_WITH_EXCLUSION]'");
        }

        var filters = new List<ExclusionFilterRecord>();
        if (request[filtersField] is JsonArray array)
        {
            foreach (var item in array.OfType<JsonObject>())
            {
                var type = Str(item, "filterType") ?? "WILDCARD";
                var filter = Str(item, "filter") ?? string.Empty;
                if (type != "WILDCARD" || !EcrValidation.ExclusionFilterPattern().IsMatch(filter))
                {
                    throw EcrException.InvalidParameter($"Invalid parameter at '{filtersField}' failed to satisfy constraint: 'filter must satisfy regular expression '^[0-9a-zA-Z._*-]{{1,128}}$' and filterType must be WILDCARD'");
                }

                filters.Add(new ExclusionFilterRecord(type, filter));
            }
        }

        var withExclusion = mutability.EndsWith("_WITH_EXCLUSION", StringComparison.Ordinal);
        if (withExclusion != (filters.Count > 0) || filters.Count > 5)
        {
            throw EcrException.InvalidParameter($"Invalid parameter at '{filtersField}' failed to satisfy constraint: '1 to 5 exclusion filters are required with IMMUTABLE_WITH_EXCLUSION and MUTABLE_WITH_EXCLUSION and not allowed otherwise'");
        }

        return (mutability, filters);
    }

    private static JsonArray FiltersJson(List<ExclusionFilterRecord> filters)
        => new([.. filters.Select(f => (JsonNode)new JsonObject { ["filterType"] = f.FilterType, ["filter"] = f.Filter })]);

    private static JsonArray TagsJson(List<TagRecord> tags)
        => new([.. tags.Select(t => (JsonNode)new JsonObject { ["Key"] = t.Key, ["Value"] = t.Value })]);

    private JsonNode RepositoryJson(RepositoryRecord r)
    {
        var json = new JsonObject
        {
            ["repositoryArn"] = $"arn:aws:ecr:{_state.Region}:{AccountId}:repository/{r.Name}",
            ["registryId"] = AccountId,
            ["repositoryName"] = r.Name,
            ["repositoryUri"] = $"{_registryHost()}/{r.Name}",
            ["createdAt"] = Epoch(r.CreatedAt),
            ["imageTagMutability"] = r.ImageTagMutability,
        };
        if (r.ImageTagMutabilityExclusionFilters.Count > 0)
        {
            json["imageTagMutabilityExclusionFilters"] = FiltersJson(r.ImageTagMutabilityExclusionFilters);
        }

        json["imageScanningConfiguration"] = new JsonObject { ["scanOnPush"] = r.ScanOnPush };
        var encryption = new JsonObject { ["encryptionType"] = r.EncryptionType };
        if (r.KmsKey is not null)
        {
            encryption["kmsKey"] = r.KmsKey;
        }

        json["encryptionConfiguration"] = encryption;
        return json;
    }

    private JsonObject Identity(RepositoryRecord r) => new() { ["registryId"] = AccountId, ["repositoryName"] = r.Name };

    private Task<JsonObject> UpdateRepositoryAsync(string name, Func<RepositoryRecord, JsonObject> change, CancellationToken cancellationToken, bool save = true)
        => _state.LockedAsync(async () =>
        {
            var repository = _state.GetLocked(name);
            var snapshot = repository.Clone();
            try
            {
                var result = change(repository);
                if (save)
                {
                    await _state.SaveLocked(repository, cancellationToken).ConfigureAwait(false);
                }

                return result;
            }
            catch
            {
                // Validation failed or the disk write did: memory keeps what is on disk.
                _state.AddLocked(snapshot);
                throw;
            }
        }, cancellationToken);

    private string RepositoryFromArn(string arn)
    {
        var prefix = $"arn:aws:ecr:{_state.Region}:";
        var parts = arn.Split(':', 6);
        if (parts.Length != 6 || parts[0] != "arn" || parts[2] != "ecr" || !parts[5].StartsWith("repository/", StringComparison.Ordinal))
        {
            throw EcrException.InvalidParameter("Invalid parameter at 'resourceArn' failed to satisfy constraint: 'Invalid ARN'");
        }

        var name = parts[5]["repository/".Length..];
        if (!arn.StartsWith(prefix, StringComparison.Ordinal) || parts[4] != AccountId)
        {
            throw EcrException.RepositoryNotFound(name, parts[4]);
        }

        EcrValidation.RepositoryName(name);
        return name;
    }

    private static List<ImageId>? ParseImageIds(JsonNode? node, bool required)
    {
        if (node is not JsonArray array)
        {
            if (required)
            {
                throw EcrException.InvalidParameter("Invalid parameter at 'imageIds' failed to satisfy constraint: 'Member must not be null'");
            }

            return null;
        }

        if (array.Count is < 1 or > 100)
        {
            throw EcrException.InvalidParameter("Invalid parameter at 'imageIds' failed to satisfy constraint: 'Member must have length between 1 and 100'");
        }

        return [.. array.Select(n => new ImageId(Str(n as JsonObject, "imageDigest"), Str(n as JsonObject, "imageTag")))];
    }

    private static string TagStatusFilter(JsonObject request)
    {
        var status = Str(request["filter"] as JsonObject, "tagStatus") ?? "ANY";
        if (status is not ("TAGGED" or "UNTAGGED" or "ANY"))
        {
            throw EcrException.InvalidParameter("Invalid parameter at 'filter.tagStatus' failed to satisfy constraint: 'Member must satisfy enum value set: [TAGGED, UNTAGGED, ANY]'");
        }

        return status;
    }

    private static bool MatchesTagStatus(ImageRecord image, string status) => status switch
    {
        "TAGGED" => image.Tags.Count > 0,
        "UNTAGGED" => image.Tags.Count == 0,
        _ => true,
    };

    private static IEnumerable<ImageRecord> Ordered(RepositoryRecord repository)
        => repository.Images.Values.OrderBy(i => i.PushedAt).ThenBy(i => i.Digest, StringComparer.Ordinal);

    private JsonNode ImageDetailJson(string repositoryName, ImageRecord image)
    {
        var json = new JsonObject
        {
            ["registryId"] = AccountId,
            ["repositoryName"] = repositoryName,
            ["imageDigest"] = image.Digest,
        };
        if (image.Tags.Count > 0)
        {
            json["imageTags"] = new JsonArray([.. Enumerable.Reverse(image.Tags).Select(t => (JsonNode)t)]);
        }

        json["imageSizeInBytes"] = image.ImageSizeInBytes;
        json["imagePushedAt"] = Epoch(image.PushedAt);
        json["imageManifestMediaType"] = image.MediaType;
        if (image.ArtifactMediaType is not null)
        {
            json["artifactMediaType"] = image.ArtifactMediaType;
        }

        if (image.LastPulledAt is { } pulled)
        {
            json["lastRecordedPullTime"] = Epoch(pulled);
        }

        if (image.SubjectDigest is not null)
        {
            json["subjectManifestDigest"] = image.SubjectDigest;
        }

        json["imageStatus"] = "ACTIVE";
        return json;
    }

    private static JsonObject ImageIdJson(string? digest, string? tag)
    {
        var json = new JsonObject();
        if (digest is not null)
        {
            json["imageDigest"] = digest;
        }

        if (tag is not null)
        {
            json["imageTag"] = tag;
        }

        return json;
    }

    private static JsonObject Failure(ImageId id, string code, string reason)
        => new() { ["imageId"] = ImageIdJson(id.Digest, id.Tag), ["failureCode"] = code, ["failureReason"] = reason };

    internal static double Epoch(DateTimeOffset value) => value.ToUnixTimeMilliseconds() / 1000.0;

    private static (List<JsonNode> Page, string? NextToken) Paginate(List<JsonNode> items, JsonObject request, int defaultPage, int max)
    {
        var maxResults = defaultPage;
        if (request["maxResults"] is JsonValue mr)
        {
            maxResults = mr.GetValue<int>();
            if (maxResults < 1 || maxResults > max)
            {
                throw EcrException.InvalidParameter($"Invalid parameter at 'maxResults' failed to satisfy constraint: 'Member must have value between 1 and {max}'");
            }
        }

        var offset = 0;
        var token = Str(request, "nextToken");
        if (token is not null)
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

            if (!decoded.StartsWith("ecr-local:", StringComparison.Ordinal)
                || !int.TryParse(decoded.AsSpan(10), NumberStyles.None, CultureInfo.InvariantCulture, out offset))
            {
                throw EcrException.InvalidParameter("Invalid parameter at 'nextToken' failed to satisfy constraint: 'Invalid NextToken'");
            }
        }

        var page = items.Skip(offset).Take(maxResults).ToList();
        var next = offset + page.Count < items.Count
            ? Convert.ToBase64String(Encoding.UTF8.GetBytes("ecr-local:" + (offset + page.Count).ToString(CultureInfo.InvariantCulture)))
            : null;
        return (page, next);
    }
}
