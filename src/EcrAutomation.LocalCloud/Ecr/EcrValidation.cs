using System.Text.RegularExpressions;

namespace EcrAutomation.LocalCloud.Ecr;

/// <summary>ECR input validation with AWS's messages.</summary>
internal static partial class EcrValidation
{
    public static bool IsValidRepositoryName(string name)
        => name.Length is >= 2 and <= 256 && RepositoryNamePattern().IsMatch(name);

    public static void RepositoryName(string name)
    {
        if (name.Length < 2)
        {
            throw EcrException.InvalidParameter("Invalid parameter at 'repositoryName' failed to satisfy constraint: 'must have length greater than or equal to 2'");
        }

        if (name.Length > 256)
        {
            throw EcrException.InvalidParameter("Invalid parameter at 'repositoryName' failed to satisfy constraint: 'must have length less than or equal to 256'");
        }

        if (!RepositoryNamePattern().IsMatch(name))
        {
            throw EcrException.InvalidParameter("Invalid parameter at 'repositoryName' failed to satisfy constraint: 'must satisfy regular expression '(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*''");
        }
    }

    public static void RegistryId(string? registryId)
    {
        if (registryId is not null && !RegistryIdPattern().IsMatch(registryId))
        {
            throw EcrException.InvalidParameter("Invalid parameter at 'registryId' failed to satisfy constraint: 'must satisfy regular expression '[0-9]{12}''");
        }
    }

    public static void ImageTag(string tag)
    {
        if (tag.Length is < 1 or > 300)
        {
            throw EcrException.InvalidParameter("Invalid parameter at 'imageTag' failed to satisfy constraint: 'must have length between 1 and 300'");
        }
    }

    [GeneratedRegex(@"^[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*(/[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*)*$")]
    private static partial Regex RepositoryNamePattern();

    [GeneratedRegex("^[0-9]{12}$")]
    private static partial Regex RegistryIdPattern();

    [GeneratedRegex("^[0-9a-zA-Z._*-]{1,128}$")]
    public static partial Regex ExclusionFilterPattern();
}
