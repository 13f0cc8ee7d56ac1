using EcrAutomation.Aws.Ecr;
using EcrAutomation.Providers;
using EcrAutomation.Schema;

namespace EcrAutomation.Aws.Resources.Ecr;

/// <summary>
/// pulumi-aws's <c>aws.ecr.getRepository</c> (<c>aws:ecr/getRepository:getRepository</c>): an existing repository by name,
/// with its URL, settings, tags and the tags of its most recently pushed image.
/// </summary>
internal static class GetRepository
{
    public const string Token = "aws:ecr/getRepository:getRepository";

    public static FunctionInfo Info(Func<PropertyMap, CancellationToken, Task<PropertyMap>> invokeAsync)
    {
        var encryption = Object("aws:ecr/getRepositoryEncryptionConfiguration:getRepositoryEncryptionConfiguration", ("encryptionType", SchemaType.String), ("kmsKey", SchemaType.String));
        var scanning = Object("aws:ecr/getRepositoryImageScanningConfiguration:getRepositoryImageScanningConfiguration", ("scanOnPush", SchemaType.Boolean));
        var exclusion = Object("aws:ecr/getRepositoryImageTagMutabilityExclusionFilter:getRepositoryImageTagMutabilityExclusionFilter", ("filter", SchemaType.String), ("filterType", SchemaType.String));
        return new FunctionInfo(
            Token,
            Properties(("name", SchemaType.String, true), ("registryId", SchemaType.String, false), ("tags", SchemaType.MapOf(SchemaType.String), false)),
            Properties(
                ("arn", SchemaType.String, true), ("encryptionConfigurations", SchemaType.ArrayOf(encryption), true), ("id", SchemaType.String, true),
                ("imageScanningConfigurations", SchemaType.ArrayOf(scanning), true), ("imageTagMutability", SchemaType.String, true),
                ("imageTagMutabilityExclusionFilters", SchemaType.ArrayOf(exclusion), true), ("mostRecentImageTags", SchemaType.ArrayOf(SchemaType.String), true),
                ("name", SchemaType.String, true), ("region", SchemaType.String, true), ("registryId", SchemaType.String, true),
                ("repositoryUrl", SchemaType.String, true), ("tags", SchemaType.MapOf(SchemaType.String), true)),
            invokeAsync) { Description = "The ECR repository with the given name." };
    }

    public static async Task<PropertyMap> RunAsync(AwsConnection connection, PropertyMap args, CancellationToken cancellationToken)
    {
        var name = AwsFunctions.Required(args, "name", Token);
        var registryId = args.GetString("registryId");
        var repository = await connection.Ecr.FindRepositoryAsync(name, registryId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"{Token}: no ECR repository named '{name}' in {connection.Region}{(registryId is null ? "" : $" (registry {registryId})")}.");
        var tags = (await connection.Ecr.ListTagsForResourceAsync(new EcrListTagsForResourceRequest { ResourceArn = repository.RepositoryArn! }, cancellationToken).ConfigureAwait(false)).Tags;
        var mostRecent = await connection.Ecr.DescribeAllImagesAsync(new DescribeImagesRequest { RepositoryName = name, RegistryId = registryId }, cancellationToken)
            .Where(i => i.ImageTags is { Count: > 0 })
            .MaxByAsync(i => i.ImagePushedAt ?? DateTimeOffset.MinValue, comparer: null, cancellationToken).ConfigureAwait(false);
        var encryption = repository.EncryptionConfiguration ?? new EncryptionConfiguration();
        return PropertyMap.Empty
            .Set("id", PropertyValue.Of(repository.RepositoryName))
            .Set("name", PropertyValue.Of(repository.RepositoryName))
            .Set("arn", PropertyValue.Of(repository.RepositoryArn))
            .Set("registryId", PropertyValue.Of(repository.RegistryId))
            .Set("repositoryUrl", PropertyValue.Of(repository.RepositoryUri))
            .Set("region", PropertyValue.Of(connection.Region))
            .Set("imageTagMutability", PropertyValue.Of(repository.ImageTagMutability ?? "MUTABLE"))
            .Set("encryptionConfigurations", PropertyValue.Of([Map(("encryptionType", Props.Str(encryption.EncryptionType)), ("kmsKey", Props.Str(encryption.KmsKey ?? "")))]))
            .Set("imageScanningConfigurations", PropertyValue.Of([Map(("scanOnPush", PropertyValue.Of(repository.ImageScanningConfiguration?.ScanOnPush ?? false)))]))
            .Set("imageTagMutabilityExclusionFilters", PropertyValue.Of((repository.ImageTagMutabilityExclusionFilters ?? []).Select(f => Map(("filter", PropertyValue.Of(f.Filter)), ("filterType", PropertyValue.Of(f.FilterType))))))
            .Set("mostRecentImageTags", Props.Strings(mostRecent?.ImageTags ?? []))
            .Set("tags", Props.Map(tags.ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal)));
    }

    private static PropertyValue Map(params (string Key, PropertyValue Value)[] entries) =>
        PropertyValue.Of(PropertyMap.From(entries.Select(e => KeyValuePair.Create(e.Key, e.Value))));

    internal static IReadOnlyDictionary<string, SchemaProperty> Properties(params (string Name, SchemaType Type, bool Required)[] properties) =>
        properties.ToDictionary(p => p.Name, p => new SchemaProperty(p.Name, p.Type, p.Required), StringComparer.Ordinal);

    private static SchemaType Object(string token, params (string Name, SchemaType Type)[] properties) =>
        SchemaType.ObjectOf(token, Properties([.. properties.Select(p => (p.Name, p.Type, true))]));
}
