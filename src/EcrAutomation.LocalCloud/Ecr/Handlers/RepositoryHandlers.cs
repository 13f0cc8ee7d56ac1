using EcrAutomation.LocalCloud.Ecr.Messages;
using EcrAutomation.LocalCloud.Storage;

namespace EcrAutomation.LocalCloud.Ecr.Handlers;

/// <summary>Repository lifetime and settings: CreateRepository, DescribeRepositories, DeleteRepository, PutImageTagMutability, PutImageScanningConfiguration.</summary>
internal sealed class RepositoryHandlers(EcrContext ecr)
{
    public IEnumerable<EcrOperation> Operations =>
    [
        EcrOperation.Create<CreateRepositoryRequest, RepositoryResponse>("CreateRepository", CreateAsync),
        EcrOperation.Create<DescribeRepositoriesRequest, DescribeRepositoriesResponse>("DescribeRepositories", DescribeAsync),
        EcrOperation.Create<DeleteRepositoryRequest, RepositoryResponse>("DeleteRepository", DeleteAsync),
        EcrOperation.Create<PutImageTagMutabilityRequest, PutImageTagMutabilityResponse>("PutImageTagMutability", PutImageTagMutabilityAsync),
        EcrOperation.Create<PutImageScanningConfigurationRequest, PutImageScanningConfigurationResponse>("PutImageScanningConfiguration", PutImageScanningConfigurationAsync),
    ];

    private async Task<RepositoryResponse> CreateAsync(CreateRepositoryRequest request, CancellationToken cancellationToken)
    {
        var name = EcrContext.RepositoryNameOf(request);
        var tags = EcrRequestParsing.Tags(request.Tags);
        var (mutability, filters) = EcrRequestParsing.Mutability(request.ImageTagMutability, request.ImageTagMutabilityExclusionFilters);
        var encryptionType = request.EncryptionConfiguration?.EncryptionType ?? "AES256";
        if (encryptionType is not ("AES256" or "KMS" or "KMS_DSSE"))
        {
            throw EcrException.InvalidParameter($"Invalid parameter at 'encryptionType' failed to satisfy constraint: 'Member must satisfy enum value set: [AES256, KMS, KMS_DSSE]'");
        }

        var kmsKey = request.EncryptionConfiguration?.KmsKey;
        if (encryptionType == "AES256" && kmsKey is not null)
        {
            throw EcrException.InvalidParameter("Invalid parameter at 'encryptionConfiguration' failed to satisfy constraint: 'KMS key cannot be specified with AES256 encryption'");
        }

        var record = new RepositoryRecord
        {
            Name = name,
            CreatedAt = ecr.Now,
            ImageTagMutability = mutability,
            ImageTagMutabilityExclusionFilters = filters,
            ScanOnPush = request.ImageScanningConfiguration?.ScanOnPush ?? false,
            EncryptionType = encryptionType,
            KmsKey = encryptionType == "AES256" ? null : kmsKey ?? $"arn:aws:kms:{ecr.Region}:{ecr.AccountId}:alias/aws/ecr",
            Tags = tags,
        };
        var state = ecr.State;
        return await state.LockedAsync(async () =>
        {
            if (state.FindLocked(name) is not null)
            {
                throw new EcrException("RepositoryAlreadyExistsException", $"The repository with name '{name}' already exists in the registry with id '{ecr.AccountId}'");
            }

            await state.SaveLocked(record, cancellationToken).ConfigureAwait(false);
            state.AddLocked(record);
            return new RepositoryResponse(ecr.Describe(record));
        }, cancellationToken).ConfigureAwait(false);
    }

    private async Task<DescribeRepositoriesResponse> DescribeAsync(DescribeRepositoriesRequest request, CancellationToken cancellationToken)
    {
        var names = EcrRequestParsing.Strings(request.RepositoryNames);
        if (names is not null && (request.MaxResults is not null || request.NextToken is not null))
        {
            throw EcrException.InvalidParameter("Invalid parameter at 'maxResults' failed to satisfy constraint: 'maxResults and nextToken cannot be specified together with repositoryNames'");
        }

        if (names is not null && names.Count is < 1 or > 100)
        {
            throw EcrException.InvalidParameter("Invalid parameter at 'repositoryNames' failed to satisfy constraint: 'Member must have length between 1 and 100'");
        }

        var state = ecr.State;
        var repositories = await state.LockedAsync(() =>
        {
            if (names is null)
            {
                return state.RepositoriesLocked().Select(ecr.Describe).ToList();
            }

            return names.Select(n =>
            {
                EcrValidation.RepositoryName(n);
                return ecr.Describe(state.GetLocked(n));
            }).ToList();
        }, cancellationToken).ConfigureAwait(false);
        var (page, next) = EcrPagination.Paginate(repositories, request, 100, 1000);
        return new DescribeRepositoriesResponse(page, next);
    }

    private async Task<RepositoryResponse> DeleteAsync(DeleteRepositoryRequest request, CancellationToken cancellationToken)
    {
        var name = EcrContext.RepositoryNameOf(request);
        var state = ecr.State;
        var (description, removed) = await state.LockedAsync(() =>
        {
            var repository = state.GetLocked(name);
            if (repository.Images.Count > 0 && request.Force != true)
            {
                throw new EcrException("RepositoryNotEmptyException", $"The repository with name '{name}' in registry with id '{ecr.AccountId}' cannot be deleted because it still contains images");
            }

            state.RemoveLocked(repository);
            return (ecr.Describe(repository), repository.Images.Values.SelectMany(i => i.BlobDigests.Append(i.Digest)).ToList());
        }, cancellationToken).ConfigureAwait(false);
        await state.CollectCandidatesAsync(removed, cancellationToken).ConfigureAwait(false);
        return new RepositoryResponse(description);
    }

    private Task<PutImageTagMutabilityResponse> PutImageTagMutabilityAsync(PutImageTagMutabilityRequest request, CancellationToken cancellationToken)
    {
        var name = EcrContext.RepositoryNameOf(request);
        if (request.ImageTagMutability is null)
        {
            throw EcrException.InvalidParameter("Invalid parameter at 'imageTagMutability' failed to satisfy constraint: 'Member must not be null'");
        }

        var (mutability, filters) = EcrRequestParsing.Mutability(request.ImageTagMutability, request.ImageTagMutabilityExclusionFilters);
        return ecr.UpdateRepositoryAsync(name, repository =>
        {
            repository.ImageTagMutability = mutability;
            repository.ImageTagMutabilityExclusionFilters = filters;
            return new PutImageTagMutabilityResponse(ecr.AccountId, repository.Name, mutability, EcrContext.Filters(filters));
        }, cancellationToken);
    }

    private Task<PutImageScanningConfigurationResponse> PutImageScanningConfigurationAsync(PutImageScanningConfigurationRequest request, CancellationToken cancellationToken)
    {
        var name = EcrContext.RepositoryNameOf(request);
        var scan = request.ImageScanningConfiguration
            ?? throw EcrException.InvalidParameter("Invalid parameter at 'imageScanningConfiguration' failed to satisfy constraint: 'Member must not be null'");
        return ecr.UpdateRepositoryAsync(name, repository =>
        {
            repository.ScanOnPush = scan.ScanOnPush ?? false;
            return new PutImageScanningConfigurationResponse(ecr.AccountId, repository.Name, new ImageScanningConfigurationMessage { ScanOnPush = repository.ScanOnPush });
        }, cancellationToken);
    }
}
