using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using EcrAutomation.LocalCloud.Auth;
using EcrAutomation.LocalCloud.Storage;
using Microsoft.AspNetCore.Http;

namespace EcrAutomation.LocalCloud.Ecr;

/// <summary>The ECR control plane (awsJson1.1, <c>AmazonEC2ContainerRegistry_V20150921.*</c>).</summary>
internal sealed partial class EcrApi
{
    public const string TargetPrefix = "AmazonEC2ContainerRegistry_V20150921.";
    private const int PartSize = 10 * 1024 * 1024;

    /// <summary>Every layer part except the last must be at least 5 MiB (LayerPartTooSmallException).</summary>
    private const int MinPartSize = 5 * 1024 * 1024;

    private readonly RegistryState _state;
    private readonly RegistryTokens _tokens;
    private readonly Func<string> _registryHost;
    private readonly Func<Uri> _endpoint;
    private readonly LifecycleRunner _lifecycle;
    private readonly Dictionary<string, Func<JsonObject, CancellationToken, Task<JsonObject>>> _operations;

    public EcrApi(RegistryState state, RegistryTokens tokens, LifecycleRunner lifecycle, Func<string> registryHost, Func<Uri> endpoint)
    {
        _state = state;
        _tokens = tokens;
        _lifecycle = lifecycle;
        _registryHost = registryHost;
        _endpoint = endpoint;
        _operations = new(StringComparer.Ordinal)
        {
            ["CreateRepository"] = CreateRepositoryAsync,
            ["DescribeRepositories"] = DescribeRepositoriesAsync,
            ["DeleteRepository"] = DeleteRepositoryAsync,
            ["PutImageTagMutability"] = PutImageTagMutabilityAsync,
            ["PutImageScanningConfiguration"] = PutImageScanningConfigurationAsync,
            ["SetRepositoryPolicy"] = SetRepositoryPolicyAsync,
            ["GetRepositoryPolicy"] = GetRepositoryPolicyAsync,
            ["DeleteRepositoryPolicy"] = DeleteRepositoryPolicyAsync,
            ["TagResource"] = TagResourceAsync,
            ["UntagResource"] = UntagResourceAsync,
            ["ListTagsForResource"] = ListTagsForResourceAsync,
            ["DescribeImages"] = DescribeImagesAsync,
            ["ListImages"] = ListImagesAsync,
            ["BatchGetImage"] = BatchGetImageAsync,
            ["BatchDeleteImage"] = BatchDeleteImageAsync,
            ["PutImage"] = PutImageAsync,
            ["GetAuthorizationToken"] = GetAuthorizationTokenAsync,
            ["BatchCheckLayerAvailability"] = BatchCheckLayerAvailabilityAsync,
            ["InitiateLayerUpload"] = InitiateLayerUploadAsync,
            ["UploadLayerPart"] = UploadLayerPartAsync,
            ["CompleteLayerUpload"] = CompleteLayerUploadAsync,
            ["GetDownloadUrlForLayer"] = GetDownloadUrlForLayerAsync,
            ["PutLifecyclePolicy"] = PutLifecyclePolicyAsync,
            ["GetLifecyclePolicy"] = GetLifecyclePolicyAsync,
            ["DeleteLifecyclePolicy"] = DeleteLifecyclePolicyAsync,
            ["StartLifecyclePolicyPreview"] = StartLifecyclePolicyPreviewAsync,
            ["GetLifecyclePolicyPreview"] = GetLifecyclePolicyPreviewAsync,
        };
    }

    private string AccountId => _state.AccountId;

    public async Task HandleAsync(HttpContext context, string operation)
    {
        JsonObject response;
        try
        {
            if (!_operations.TryGetValue(operation, out var handler))
            {
                throw new EcrException("UnknownOperationException", $"Operation {operation} is not supported by the local ECR.");
            }

            JsonObject request;
            try
            {
                var node = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false);
                request = node as JsonObject ?? throw new EcrException("SerializationException", "Start of structure or map found where not expected.");
            }
            catch (JsonException)
            {
                throw new EcrException("SerializationException", "The request body is not valid JSON.");
            }

            var registryId = Str(request, "registryId");
            EcrValidation.RegistryId(registryId);
            if (registryId is not null && registryId != AccountId && operation != "GetAuthorizationToken")
            {
                var name = Str(request, "repositoryName") ?? string.Empty;
                throw EcrException.RepositoryNotFound(name, registryId);
            }

            try
            {
                response = await handler(request, context.RequestAborted).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is InvalidOperationException or FormatException && !context.RequestAborted.IsCancellationRequested)
            {
                // JsonNode.GetValue<T> on a member of the wrong JSON type.
                throw new EcrException("SerializationException", "A request member has the wrong type for this operation.");
            }
        }
        catch (EcrException ex)
        {
            await WriteErrorAsync(context, ex.StatusCode, ex.ErrorType, ex.Message).ConfigureAwait(false);
            return;
        }

        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/x-amz-json-1.1";
        await context.Response.WriteAsync(response.ToJsonString(), context.RequestAborted).ConfigureAwait(false);
    }

    public static async Task WriteErrorAsync(HttpContext context, int status, string type, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/x-amz-json-1.1";
        context.Response.Headers["X-Amzn-ErrorType"] = type;
        await context.Response.WriteAsync(new JsonObject { ["__type"] = type, ["message"] = message }.ToJsonString(), context.RequestAborted).ConfigureAwait(false);
    }

    // ---------- repositories ----------

    private async Task<JsonObject> CreateRepositoryAsync(JsonObject request, CancellationToken cancellationToken)
    {
        var name = RequiredString(request, "repositoryName");
        EcrValidation.RepositoryName(name);
        var tags = ParseTags(request["tags"]);
        var (mutability, filters) = ParseMutability(request, "imageTagMutability", "imageTagMutabilityExclusionFilters", "MUTABLE");
        var scan = request["imageScanningConfiguration"] as JsonObject;
        var encryption = request["encryptionConfiguration"] as JsonObject;
        var encryptionType = Str(encryption, "encryptionType") ?? "AES256";
        if (encryptionType is not ("AES256" or "KMS" or "KMS_DSSE"))
        {
            throw EcrException.InvalidParameter($"Invalid parameter at 'encryptionType' failed to satisfy constraint: 'Member must satisfy enum value set: [AES256, KMS, KMS_DSSE]'");
        }

        var kmsKey = Str(encryption, "kmsKey");
        if (encryptionType == "AES256" && kmsKey is not null)
        {
            throw EcrException.InvalidParameter("Invalid parameter at 'encryptionConfiguration' failed to satisfy constraint: 'KMS key cannot be specified with AES256 encryption'");
        }

        var record = new RepositoryRecord
        {
            Name = name,
            CreatedAt = _state.Time.GetUtcNow(),
            ImageTagMutability = mutability,
            ImageTagMutabilityExclusionFilters = filters,
            ScanOnPush = scan?["scanOnPush"]?.GetValue<bool>() ?? false,
            EncryptionType = encryptionType,
            KmsKey = encryptionType == "AES256" ? null : kmsKey ?? $"arn:aws:kms:{_state.Region}:{AccountId}:alias/aws/ecr",
            Tags = tags,
        };
        return await _state.LockedAsync(async () =>
        {
            if (_state.FindLocked(name) is not null)
            {
                throw new EcrException("RepositoryAlreadyExistsException", $"The repository with name '{name}' already exists in the registry with id '{AccountId}'");
            }

            await _state.SaveLocked(record, cancellationToken).ConfigureAwait(false);
            _state.AddLocked(record);
            return new JsonObject { ["repository"] = RepositoryJson(record) };
        }, cancellationToken).ConfigureAwait(false);
    }

    private async Task<JsonObject> DescribeRepositoriesAsync(JsonObject request, CancellationToken cancellationToken)
    {
        var names = StringList(request["repositoryNames"]);
        if (names is not null && (request["maxResults"] is not null || request["nextToken"] is not null))
        {
            throw EcrException.InvalidParameter("Invalid parameter at 'maxResults' failed to satisfy constraint: 'maxResults and nextToken cannot be specified together with repositoryNames'");
        }

        if (names is not null && names.Count is < 1 or > 100)
        {
            throw EcrException.InvalidParameter("Invalid parameter at 'repositoryNames' failed to satisfy constraint: 'Member must have length between 1 and 100'");
        }

        var repositories = await _state.LockedAsync(() =>
        {
            if (names is null)
            {
                return _state.RepositoriesLocked().Select(RepositoryJson).ToList();
            }

            return names.Select(n =>
            {
                EcrValidation.RepositoryName(n);
                return RepositoryJson(_state.GetLocked(n));
            }).ToList();
        }, cancellationToken).ConfigureAwait(false);
        var (page, next) = Paginate(repositories, request, 100, 1000);
        var result = new JsonObject { ["repositories"] = new JsonArray([.. page]) };
        if (next is not null)
        {
            result["nextToken"] = next;
        }

        return result;
    }

    private async Task<JsonObject> DeleteRepositoryAsync(JsonObject request, CancellationToken cancellationToken)
    {
        var name = RepositoryNameOf(request);
        var force = request["force"]?.GetValue<bool>() ?? false;
        var (json, removed) = await _state.LockedAsync(() =>
        {
            var repository = _state.GetLocked(name);
            if (repository.Images.Count > 0 && !force)
            {
                throw new EcrException("RepositoryNotEmptyException", $"The repository with name '{name}' in registry with id '{AccountId}' cannot be deleted because it still contains images");
            }

            _state.RemoveLocked(repository);
            return (RepositoryJson(repository), repository.Images.Values.SelectMany(i => i.BlobDigests.Append(i.Digest)).ToList());
        }, cancellationToken).ConfigureAwait(false);
        await _state.CollectCandidatesAsync(removed, cancellationToken).ConfigureAwait(false);
        return new JsonObject { ["repository"] = json };
    }

    private Task<JsonObject> PutImageTagMutabilityAsync(JsonObject request, CancellationToken cancellationToken)
    {
        var name = RepositoryNameOf(request);
        if (request["imageTagMutability"] is null)
        {
            throw EcrException.InvalidParameter("Invalid parameter at 'imageTagMutability' failed to satisfy constraint: 'Member must not be null'");
        }

        var (mutability, filters) = ParseMutability(request, "imageTagMutability", "imageTagMutabilityExclusionFilters", "MUTABLE");
        return UpdateRepositoryAsync(name, repository =>
        {
            repository.ImageTagMutability = mutability;
            repository.ImageTagMutabilityExclusionFilters = filters;
            var result = Identity(repository);
            result["imageTagMutability"] = mutability;
            if (filters.Count > 0)
            {
                result["imageTagMutabilityExclusionFilters"] = FiltersJson(filters);
            }

            return result;
        }, cancellationToken);
    }

    private Task<JsonObject> PutImageScanningConfigurationAsync(JsonObject request, CancellationToken cancellationToken)
    {
        var name = RepositoryNameOf(request);
        var scan = request["imageScanningConfiguration"] as JsonObject
            ?? throw EcrException.InvalidParameter("Invalid parameter at 'imageScanningConfiguration' failed to satisfy constraint: 'Member must not be null'");
        return UpdateRepositoryAsync(name, repository =>
        {
            repository.ScanOnPush = scan["scanOnPush"]?.GetValue<bool>() ?? false;
            var result = Identity(repository);
            result["imageScanningConfiguration"] = new JsonObject { ["scanOnPush"] = repository.ScanOnPush };
            return result;
        }, cancellationToken);
    }

    private Task<JsonObject> SetRepositoryPolicyAsync(JsonObject request, CancellationToken cancellationToken)
    {
        var name = RepositoryNameOf(request);
        var text = RequiredString(request, "policyText");
        var valid = text.Length <= 10240;
        if (valid)
        {
            try
            {
                valid = JsonNode.Parse(text) is JsonObject policy && policy["Statement"] is not null;
            }
            catch (JsonException)
            {
                valid = false;
            }
        }

        if (!valid)
        {
            throw EcrException.InvalidParameter("Invalid parameter at 'PolicyText' failed to satisfy constraint: 'Invalid repository policy provided'");
        }

        return UpdateRepositoryAsync(name, repository =>
        {
            repository.RepositoryPolicyText = text;
            var result = Identity(repository);
            result["policyText"] = text;
            return result;
        }, cancellationToken);
    }

    private Task<JsonObject> GetRepositoryPolicyAsync(JsonObject request, CancellationToken cancellationToken)
        => RepositoryPolicyAsync(request, delete: false, cancellationToken);

    private Task<JsonObject> DeleteRepositoryPolicyAsync(JsonObject request, CancellationToken cancellationToken)
        => RepositoryPolicyAsync(request, delete: true, cancellationToken);

    private Task<JsonObject> RepositoryPolicyAsync(JsonObject request, bool delete, CancellationToken cancellationToken)
    {
        var name = RepositoryNameOf(request);
        return UpdateRepositoryAsync(name, repository =>
        {
            var text = repository.RepositoryPolicyText
                ?? throw new EcrException("RepositoryPolicyNotFoundException", $"Repository policy does not exist for the repository with name '{name}' in the registry with id '{AccountId}'");
            if (delete)
            {
                repository.RepositoryPolicyText = null;
            }

            var result = Identity(repository);
            result["policyText"] = text;
            return result;
        }, cancellationToken, save: delete);
    }

    private Task<JsonObject> TagResourceAsync(JsonObject request, CancellationToken cancellationToken)
    {
        var name = RepositoryFromArn(RequiredString(request, "resourceArn"));
        var tags = ParseTags(request["tags"] ?? throw EcrException.InvalidParameter("Invalid parameter at 'tags' failed to satisfy constraint: 'Member must not be null'"));
        return UpdateRepositoryAsync(name, repository =>
        {
            foreach (var tag in tags)
            {
                repository.Tags.RemoveAll(t => t.Key == tag.Key);
                repository.Tags.Add(tag);
            }

            if (repository.Tags.Count > 50)
            {
                throw new EcrException("TooManyTagsException", "The repository can have at most 50 tags.");
            }

            return new JsonObject();
        }, cancellationToken);
    }

    private Task<JsonObject> UntagResourceAsync(JsonObject request, CancellationToken cancellationToken)
    {
        var name = RepositoryFromArn(RequiredString(request, "resourceArn"));
        var keys = StringList(request["tagKeys"]) ?? throw EcrException.InvalidParameter("Invalid parameter at 'tagKeys' failed to satisfy constraint: 'Member must not be null'");
        return UpdateRepositoryAsync(name, repository =>
        {
            repository.Tags.RemoveAll(t => keys.Contains(t.Key));
            return new JsonObject();
        }, cancellationToken);
    }

    private Task<JsonObject> ListTagsForResourceAsync(JsonObject request, CancellationToken cancellationToken)
    {
        var name = RepositoryFromArn(RequiredString(request, "resourceArn"));
        return _state.LockedAsync(() =>
            new JsonObject { ["tags"] = TagsJson(_state.GetLocked(name).Tags) }, cancellationToken);
    }

    // ---------- images ----------

    private async Task<JsonObject> DescribeImagesAsync(JsonObject request, CancellationToken cancellationToken)
    {
        var name = RepositoryNameOf(request);
        var ids = ParseImageIds(request["imageIds"], required: false);
        if (ids is not null && (request["maxResults"] is not null || request["nextToken"] is not null))
        {
            throw EcrException.InvalidParameter("Invalid parameter at 'maxResults' failed to satisfy constraint: 'maxResults and nextToken cannot be specified together with imageIds'");
        }

        var tagStatus = TagStatusFilter(request);
        var details = await _state.LockedAsync(() =>
        {
            var repository = _state.GetLocked(name);
            IEnumerable<ImageRecord> images;
            if (ids is not null)
            {
                images = ids.Select(id =>
                {
                    var image = id.Digest is not null ? repository.Images.GetValueOrDefault(id.Digest) : repository.FindByTag(id.Tag!);
                    if (image is null || (id.Tag is not null && !image.Tags.Contains(id.Tag)))
                    {
                        throw EcrException.ImageNotFound(id.Digest, id.Tag, name, AccountId);
                    }

                    return image;
                }).DistinctBy(i => i.Digest);
            }
            else
            {
                images = Ordered(repository).Where(i => MatchesTagStatus(i, tagStatus));
            }

            return images.Select(i => ImageDetailJson(name, i)).ToList();
        }, cancellationToken).ConfigureAwait(false);
        var (page, next) = Paginate(details, request, 100, 1000);
        var result = new JsonObject { ["imageDetails"] = new JsonArray([.. page]) };
        if (next is not null)
        {
            result["nextToken"] = next;
        }

        return result;
    }

    private async Task<JsonObject> ListImagesAsync(JsonObject request, CancellationToken cancellationToken)
    {
        var name = RepositoryNameOf(request);
        var tagStatus = TagStatusFilter(request);
        var ids = await _state.LockedAsync(() =>
        {
            var repository = _state.GetLocked(name);
            var list = new List<JsonNode>();
            foreach (var image in Ordered(repository).Where(i => MatchesTagStatus(i, tagStatus)))
            {
                if (image.Tags.Count == 0)
                {
                    list.Add(new JsonObject { ["imageDigest"] = image.Digest });
                }

                foreach (var tag in image.Tags)
                {
                    list.Add(new JsonObject { ["imageDigest"] = image.Digest, ["imageTag"] = tag });
                }
            }

            return list;
        }, cancellationToken).ConfigureAwait(false);
        var (page, next) = Paginate(ids, request, 100, 1000);
        var result = new JsonObject { ["imageIds"] = new JsonArray([.. page]) };
        if (next is not null)
        {
            result["nextToken"] = next;
        }

        return result;
    }

    private async Task<JsonObject> BatchGetImageAsync(JsonObject request, CancellationToken cancellationToken)
    {
        var name = RepositoryNameOf(request);
        var ids = ParseImageIds(request["imageIds"], required: true)!;
        var accepted = StringList(request["acceptedMediaTypes"]);
        var found = await _state.LockedAsync(async () =>
        {
            var repository = _state.GetLocked(name);
            var hits = new List<(ImageId Id, ImageRecord Image)>();
            var failures = new JsonArray();
            foreach (var id in ids)
            {
                if (id.Digest is not null && !Digests.IsValid(id.Digest))
                {
                    failures.Add(Failure(id, "InvalidImageDigest", "Invalid request parameters: image digest should satisfy the regex '[a-zA-Z0-9-_+.]+:[a-fA-F0-9]+'"));
                    continue;
                }

                var image = id.Digest is not null ? repository.Images.GetValueOrDefault(id.Digest) : repository.FindByTag(id.Tag!);
                if (image is null)
                {
                    failures.Add(Failure(id, "ImageNotFound", "Requested image not found"));
                }
                else if (id.Tag is not null && !image.Tags.Contains(id.Tag))
                {
                    failures.Add(Failure(id, "ImageTagDoesNotMatchDigest", "Invalid request parameters: given tag does not map to the given digest"));
                }
                else if (accepted is not null && !accepted.Contains(image.MediaType))
                {
                    // No format conversion here; ImageFailureCode has no dedicated value, so this reads as not found.
                    failures.Add(Failure(id, "ImageNotFound", $"Requested image not found in an accepted media type (stored as '{image.MediaType}')"));
                }
                else
                {
                    image.LastPulledAt = _state.Time.GetUtcNow();
                    hits.Add((id, image.Clone()));
                }
            }

            if (hits.Count > 0)
            {
                await _state.SaveLocked(repository, cancellationToken).ConfigureAwait(false);
            }

            return (hits, failures);
        }, cancellationToken).ConfigureAwait(false);

        var images = new JsonArray();
        foreach (var (id, image) in found.hits)
        {
            var bytes = await _state.Blobs.ReadAllBytesAsync(image.Digest, cancellationToken).ConfigureAwait(false) ?? [];
            images.Add(new JsonObject
            {
                ["registryId"] = AccountId,
                ["repositoryName"] = name,
                ["imageId"] = ImageIdJson(image.Digest, id.Tag),
                ["imageManifest"] = Encoding.UTF8.GetString(bytes),
                ["imageManifestMediaType"] = image.MediaType,
            });
        }

        return new JsonObject { ["images"] = images, ["failures"] = found.failures };
    }

    private async Task<JsonObject> BatchDeleteImageAsync(JsonObject request, CancellationToken cancellationToken)
    {
        var name = RepositoryNameOf(request);
        var ids = ParseImageIds(request["imageIds"], required: true)!;
        var outcome = await _state.DeleteImagesAsync(name, [.. ids.Select(i => (i.Digest, i.Tag))], cancellationToken).ConfigureAwait(false);
        return new JsonObject
        {
            ["imageIds"] = new JsonArray([.. outcome.Deleted.Select(d => (JsonNode)ImageIdJson(d.Digest, d.Tag))]),
            ["failures"] = new JsonArray([.. outcome.Failures.Select(f => (JsonNode)Failure(new ImageId(f.Digest, f.Tag), f.Code, f.Reason))]),
        };
    }

    private async Task<JsonObject> PutImageAsync(JsonObject request, CancellationToken cancellationToken)
    {
        var name = RepositoryNameOf(request);
        var manifest = RequiredString(request, "imageManifest");
        var tag = Str(request, "imageTag");
        if (tag is not null)
        {
            EcrValidation.ImageTag(tag);
        }

        var mediaType = Str(request, "imageManifestMediaType");
        var digest = Str(request, "imageDigest");
        await _state.LockedAsync(() => _state.GetLocked(name), cancellationToken).ConfigureAwait(false);
        var bytes = Encoding.UTF8.GetBytes(manifest);
        var result = await _state.PutManifestAsync(name, bytes, mediaType, tag, digest, apiSemantics: true, cancellationToken).ConfigureAwait(false);
        return new JsonObject
        {
            ["image"] = new JsonObject
            {
                ["registryId"] = AccountId,
                ["repositoryName"] = name,
                ["imageId"] = ImageIdJson(result.Digest, tag),
                ["imageManifest"] = manifest,
                ["imageManifestMediaType"] = result.Image.MediaType,
            },
        };
    }

    // ---------- auth and layers ----------

    private Task<JsonObject> GetAuthorizationTokenAsync(JsonObject request, CancellationToken cancellationToken)
    {
        var ids = StringList(request["registryIds"]) ?? [AccountId];
        if (ids.Count is < 1 or > 10)
        {
            throw EcrException.InvalidParameter("Invalid parameter at 'registryIds' failed to satisfy constraint: 'Member must have length between 1 and 10'");
        }

        var data = new JsonArray();
        foreach (var id in ids)
        {
            EcrValidation.RegistryId(id);
            var (password, expires) = _tokens.Issue(id);
            data.Add(new JsonObject
            {
                ["authorizationToken"] = RegistryTokens.ToAuthorizationToken(password),
                ["expiresAt"] = Epoch(expires),
                ["proxyEndpoint"] = "http://" + _registryHost(),
            });
        }

        return Task.FromResult(new JsonObject { ["authorizationData"] = data });
    }

    private async Task<JsonObject> BatchCheckLayerAvailabilityAsync(JsonObject request, CancellationToken cancellationToken)
    {
        var name = RepositoryNameOf(request);
        var digests = StringList(request["layerDigests"]);
        if (digests is null || digests.Count is < 1 or > 100)
        {
            throw EcrException.InvalidParameter("Invalid parameter at 'layerDigests' failed to satisfy constraint: 'Member must have length between 1 and 100'");
        }

        await _state.LockedAsync(() => _state.GetLocked(name), cancellationToken).ConfigureAwait(false);
        var layers = new JsonArray();
        var failures = new JsonArray();
        foreach (var digest in digests)
        {
            if (!Digests.IsValid(digest))
            {
                failures.Add(new JsonObject { ["layerDigest"] = digest, ["failureCode"] = "InvalidLayerDigest", ["failureReason"] = "Invalid layer digest" });
                continue;
            }

            var size = _state.Blobs.SizeOf(digest);
            if (size is null || !await _state.IsBlobVisibleAsync(name, digest, cancellationToken).ConfigureAwait(false))
            {
                failures.Add(new JsonObject { ["layerDigest"] = digest, ["failureCode"] = "MissingLayerDigest", ["failureReason"] = "Could not find layer" });
                continue;
            }

            _state.TouchBlob(digest);
            layers.Add(new JsonObject { ["layerDigest"] = digest, ["layerAvailability"] = "AVAILABLE", ["layerSize"] = size.Value });
        }

        return new JsonObject { ["layers"] = layers, ["failures"] = failures };
    }

    private async Task<JsonObject> InitiateLayerUploadAsync(JsonObject request, CancellationToken cancellationToken)
    {
        var name = RepositoryNameOf(request);
        await _state.LockedAsync(() => _state.GetLocked(name), cancellationToken).ConfigureAwait(false);
        var session = _state.Blobs.StartUpload(name);
        return new JsonObject { ["uploadId"] = session.Id, ["partSize"] = PartSize };
    }

    private async Task<JsonObject> UploadLayerPartAsync(JsonObject request, CancellationToken cancellationToken)
    {
        var name = RepositoryNameOf(request);
        var session = FindUpload(request, name);
        var first = request["partFirstByte"]?.GetValue<long>() ?? throw EcrException.InvalidParameter("Invalid parameter at 'partFirstByte' failed to satisfy constraint: 'Member must not be null'");
        var last = request["partLastByte"]?.GetValue<long>() ?? throw EcrException.InvalidParameter("Invalid parameter at 'partLastByte' failed to satisfy constraint: 'Member must not be null'");
        byte[] blob;
        try
        {
            blob = Convert.FromBase64String(RequiredString(request, "layerPartBlob"));
        }
        catch (FormatException)
        {
            throw EcrException.InvalidParameter("Invalid parameter at 'layerPartBlob' failed to satisfy constraint: 'Invalid base64 content'");
        }

        if (blob.Length > 20971520)
        {
            throw EcrException.InvalidParameter("Invalid parameter at 'layerPartBlob' failed to satisfy constraint: 'Member must have length less than or equal to 20971520'");
        }

        await session.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (first != session.Length || last - first + 1 != blob.Length)
            {
                throw new EcrException(
                    "InvalidLayerPartException",
                    $"The layer part with first byte {first} and last byte {last} is not valid for upload '{session.Id}'; the last byte received was {session.Length - 1}");
            }

            if (session.LastPartLength < MinPartSize)
            {
                throw new EcrException("LayerPartTooSmallException", "Layer parts must be at least 5 MiB in size.");
            }

            await session.AppendAsync(blob, cancellationToken).ConfigureAwait(false);
            session.LastPartLength = blob.Length;
            return new JsonObject
            {
                ["registryId"] = AccountId,
                ["repositoryName"] = name,
                ["uploadId"] = session.Id,
                ["lastByteReceived"] = session.Length - 1,
            };
        }
        finally
        {
            session.Gate.Release();
        }
    }

    private async Task<JsonObject> CompleteLayerUploadAsync(JsonObject request, CancellationToken cancellationToken)
    {
        var name = RepositoryNameOf(request);
        var session = FindUpload(request, name);
        var digests = StringList(request["layerDigests"]);
        if (digests is null || digests.Count != 1 || !Digests.IsSha256(digests[0]))
        {
            throw EcrException.InvalidParameter("Invalid parameter at 'layerDigests' failed to satisfy constraint: 'exactly one sha256 layer digest must be provided'");
        }

        if (session.Length == 0)
        {
            throw new EcrException("EmptyUploadException", $"The upload with id '{session.Id}' does not contain any layer parts.");
        }

        var digest = digests[0];
        if (await _state.IsBlobVisibleAsync(name, digest, cancellationToken).ConfigureAwait(false))
        {
            _state.Blobs.CancelUpload(session);
            throw new EcrException("LayerAlreadyExistsException", $"The layer '{digest}' already exists in the repository with name '{name}' in registry with id '{AccountId}'");
        }

        if (!await _state.CompleteUploadAsync(name, session, digest, cancellationToken).ConfigureAwait(false))
        {
            var actual = session.CurrentDigest();
            _state.Blobs.CancelUpload(session);
            throw new EcrException("InvalidLayerException", $"The calculated digest '{actual}' of the uploaded layer does not match the provided digest '{digest}'");
        }

        return new JsonObject { ["registryId"] = AccountId, ["repositoryName"] = name, ["uploadId"] = session.Id, ["layerDigest"] = digest };
    }

    private async Task<JsonObject> GetDownloadUrlForLayerAsync(JsonObject request, CancellationToken cancellationToken)
    {
        var name = RepositoryNameOf(request);
        var digest = RequiredString(request, "layerDigest");
        var referenced = await _state.LockedAsync(
            () => _state.GetLocked(name).Images.Values.Any(i => i.BlobDigests.Contains(digest)),
            cancellationToken).ConfigureAwait(false);
        if (!_state.Blobs.Exists(digest))
        {
            throw new EcrException("LayersNotFoundException", "The specified layers could not be found, or the specified layer is not valid for this repository.");
        }

        if (!referenced)
        {
            throw new EcrException("LayerInaccessibleException", "The specified layer is not available because it is not associated with an image. Unassociated image layers may be cleaned up at any time.");
        }

        var expires = _state.Time.GetUtcNow().AddHours(1).ToUnixTimeSeconds();
        var signature = _tokens.SignString($"{digest}|{expires}");
        var url = new Uri(_endpoint(), $"/_localcloud/layers/{digest}?expires={expires}&signature={signature}");
        return new JsonObject { ["downloadUrl"] = url.ToString(), ["layerDigest"] = digest };
    }

    /// <summary>Checks a download URL produced by GetDownloadUrlForLayer.</summary>
    public bool ValidateDownload(string digest, string? expires, string? signature)
        => long.TryParse(expires, out var at)
            && _state.Time.GetUtcNow().ToUnixTimeSeconds() < at
            && signature is not null
            && System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
                Encoding.UTF8.GetBytes(signature), Encoding.UTF8.GetBytes(_tokens.SignString($"{digest}|{at}")));

    private UploadSession FindUpload(JsonObject request, string name)
    {
        var id = RequiredString(request, "uploadId");
        var session = _state.Blobs.FindUpload(id);
        if (session is null || session.RepositoryName != name)
        {
            throw new EcrException("UploadNotFoundException", $"The upload with id '{id}' does not exist in the repository with name '{name}' in the registry with id '{AccountId}'");
        }

        return session;
    }

    // ---------- lifecycle ----------

    private Task<JsonObject> PutLifecyclePolicyAsync(JsonObject request, CancellationToken cancellationToken)
    {
        var name = RepositoryNameOf(request);
        var text = RequiredString(request, "lifecyclePolicyText");
        LifecycleRunner.Validate(text);
        return UpdateRepositoryAsync(name, repository =>
        {
            repository.LifecyclePolicyText = text;
            var result = Identity(repository);
            result["lifecyclePolicyText"] = text;
            return result;
        }, cancellationToken);
    }

    private Task<JsonObject> GetLifecyclePolicyAsync(JsonObject request, CancellationToken cancellationToken)
        => LifecyclePolicyAsync(request, delete: false, cancellationToken);

    private Task<JsonObject> DeleteLifecyclePolicyAsync(JsonObject request, CancellationToken cancellationToken)
        => LifecyclePolicyAsync(request, delete: true, cancellationToken);

    private Task<JsonObject> LifecyclePolicyAsync(JsonObject request, bool delete, CancellationToken cancellationToken)
    {
        var name = RepositoryNameOf(request);
        return UpdateRepositoryAsync(name, repository =>
        {
            var text = repository.LifecyclePolicyText ?? throw LifecyclePolicyNotFound(name);
            var result = Identity(repository);
            result["lifecyclePolicyText"] = text;
            if (repository.LifecyclePolicyLastEvaluatedAt is { } at)
            {
                result["lastEvaluatedAt"] = Epoch(at);
            }

            if (delete)
            {
                repository.LifecyclePolicyText = null;
                repository.LifecyclePolicyLastEvaluatedAt = null;
            }

            return result;
        }, cancellationToken, save: delete);
    }

    private EcrException LifecyclePolicyNotFound(string name)
        => new("LifecyclePolicyNotFoundException", $"Lifecycle policy does not exist for the repository with name '{name}' in the registry with id '{AccountId}'");

    private async Task<JsonObject> StartLifecyclePolicyPreviewAsync(JsonObject request, CancellationToken cancellationToken)
    {
        var name = RepositoryNameOf(request);
        var text = Str(request, "lifecyclePolicyText");
        if (text is not null)
        {
            LifecycleRunner.Validate(text);
        }

        var preview = await _state.LockedAsync(async () =>
        {
            var repository = _state.GetLocked(name);
            var policy = text ?? repository.LifecyclePolicyText ?? throw LifecyclePolicyNotFound(name);
            repository.LifecyclePreview = _lifecycle.Preview(repository, policy);
            await _state.SaveLocked(repository, cancellationToken).ConfigureAwait(false);
            return repository.LifecyclePreview;
        }, cancellationToken).ConfigureAwait(false);
        return new JsonObject
        {
            ["registryId"] = AccountId,
            ["repositoryName"] = name,
            ["lifecyclePolicyText"] = preview.PolicyText,
            ["status"] = "IN_PROGRESS",
        };
    }

    private async Task<JsonObject> GetLifecyclePolicyPreviewAsync(JsonObject request, CancellationToken cancellationToken)
    {
        var name = RepositoryNameOf(request);
        var ids = ParseImageIds(request["imageIds"], required: false);
        var tagStatus = TagStatusFilter(request);
        var preview = await _state.LockedAsync(
            () => _state.GetLocked(name).LifecyclePreview
                ?? throw new EcrException("LifecyclePolicyPreviewNotFoundException", "There is no dry run for this repository."),
            cancellationToken).ConfigureAwait(false);
        IEnumerable<LifecyclePreviewEntry> entries = preview.Results;
        if (ids is not null)
        {
            entries = entries.Where(e => ids.Any(id => (id.Digest is null || id.Digest == e.ImageDigest) && (id.Tag is null || e.ImageTags.Contains(id.Tag))));
        }

        entries = entries.Where(e => tagStatus switch
        {
            "TAGGED" => e.ImageTags.Count > 0,
            "UNTAGGED" => e.ImageTags.Count == 0,
            _ => true,
        });
        var all = entries.Select(e =>
        {
            var item = new JsonObject();
            if (e.ImageTags.Count > 0)
            {
                item["imageTags"] = new JsonArray([.. e.ImageTags.Select(t => (JsonNode)t)]);
            }

            item["imageDigest"] = e.ImageDigest;
            item["imagePushedAt"] = Epoch(e.ImagePushedAt);
            item["action"] = new JsonObject { ["type"] = "EXPIRE" };
            item["appliedRulePriority"] = e.AppliedRulePriority;
            item["storageClass"] = "STANDARD";
            return (JsonNode)item;
        }).ToList();
        var (page, next) = Paginate(all, request, 100, 100);
        var result = new JsonObject
        {
            ["registryId"] = AccountId,
            ["repositoryName"] = name,
            ["lifecyclePolicyText"] = preview.PolicyText,
            ["status"] = preview.Status,
            ["previewResults"] = new JsonArray([.. page]),
            ["summary"] = new JsonObject { ["expiringImageTotalCount"] = preview.Results.Count },
        };
        if (next is not null)
        {
            result["nextToken"] = next;
        }

        return result;
    }
}
