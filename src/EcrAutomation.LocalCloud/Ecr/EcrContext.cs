using EcrAutomation.LocalCloud.Ecr.Messages;
using EcrAutomation.LocalCloud.Storage;

namespace EcrAutomation.LocalCloud.Ecr;

/// <summary>What every ECR handler shares: the registry state, the account and region, and the repository shapes of the wire.</summary>
internal sealed class EcrContext(RegistryState state, Func<string> registryHost)
{
    public RegistryState State => state;

    public string AccountId => state.AccountId;

    public string Region => state.Region;

    public string RegistryHost => registryHost();

    public DateTimeOffset Now => state.Time.GetUtcNow();

    /// <summary>ECR's timestamps: seconds since the epoch, with milliseconds as the fraction.</summary>
    public static double Epoch(DateTimeOffset value) => value.ToUnixTimeMilliseconds() / 1000.0;

    public static string Required(string? value, string member)
        => value ?? throw EcrException.InvalidParameter($"Invalid parameter at '{member}' failed to satisfy constraint: 'Member must not be null'");

    /// <summary>The request's repository name, present and valid.</summary>
    public static string RepositoryNameOf(RepositoryRequest request)
    {
        var name = Required(request.RepositoryName, "repositoryName");
        EcrValidation.RepositoryName(name);
        return name;
    }

    public RepositoryMessage Describe(RepositoryRecord repository) => new()
    {
        RepositoryArn = $"arn:aws:ecr:{Region}:{AccountId}:repository/{repository.Name}",
        RegistryId = AccountId,
        RepositoryName = repository.Name,
        RepositoryUri = $"{registryHost()}/{repository.Name}",
        CreatedAt = Epoch(repository.CreatedAt),
        ImageTagMutability = repository.ImageTagMutability,
        ImageTagMutabilityExclusionFilters = Filters(repository.ImageTagMutabilityExclusionFilters),
        ImageScanningConfiguration = new ImageScanningConfigurationMessage { ScanOnPush = repository.ScanOnPush },
        EncryptionConfiguration = new EncryptionConfigurationMessage { EncryptionType = repository.EncryptionType, KmsKey = repository.KmsKey },
    };

    /// <summary>The exclusion filters as the wire lists them; null (left out) when there are none.</summary>
    public static IReadOnlyList<ExclusionFilterMessage>? Filters(List<ExclusionFilterRecord> filters)
        => filters.Count == 0 ? null : [.. filters.Select(f => new ExclusionFilterMessage { FilterType = f.FilterType, Filter = f.Filter })];

    /// <summary>
    /// Changes a repository under the state lock and saves it; when the change or the save fails, memory keeps what is on disk.
    /// </summary>
    public Task<T> UpdateRepositoryAsync<T>(string name, Func<RepositoryRecord, T> change, CancellationToken cancellationToken, bool save = true)
        => state.LockedAsync(async () =>
        {
            var repository = state.GetLocked(name);
            var snapshot = repository.Clone();
            try
            {
                var result = change(repository);
                if (save)
                {
                    await state.SaveLocked(repository, cancellationToken).ConfigureAwait(false);
                }

                return result;
            }
            catch
            {
                state.AddLocked(snapshot);
                throw;
            }
        }, cancellationToken);

    /// <summary>The repository an ECR repository ARN of this account and region names.</summary>
    public string RepositoryFromArn(string arn)
    {
        var prefix = $"arn:aws:ecr:{Region}:";
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
}
