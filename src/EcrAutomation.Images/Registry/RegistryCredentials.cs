namespace EcrAutomation.Images.Registry;

/// <summary>
/// Username and password for a registry (for ECR: <c>AWS</c> and the GetAuthorizationToken password).
/// The password never appears in <see cref="ToString"/>.
/// </summary>
public sealed record RegistryCredentials(string Username, string Password)
{
    /// <inheritdoc />
    public override string ToString() => $"RegistryCredentials {{ Username = {Username}, Password = *** }}";
}
