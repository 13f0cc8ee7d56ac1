using EcrAutomation.Automation;
using EcrAutomation.Aws.Resources.Ecr;
using EcrAutomation.LocalCloud;
using EcrAutomation.Testing.Infrastructure;

namespace EcrAutomation.Aws.Resources.Tests;

/// <summary>
/// An explicit <c>aws</c> provider (<see cref="Provider"/>) sends the resources that choose it to its own endpoint and
/// credentials, while the other resources of the same stack keep using the stack's <c>aws:*</c> config.
/// </summary>
public sealed class ExplicitProviderTests : IAsyncLifetime
{
    private readonly LocalCloudStack _home = new();
    private LocalCloudServer _away = null!;
    private AwsConnection _awayAws = null!;

    public async Task InitializeAsync()
    {
        await _home.InitializeAsync();
        _away = await LocalCloudServer.StartAsync(new LocalCloudOptions
        {
            Port = 0,
            DataDirectory = Path.Combine(_home.Root, "away-cloud"),
            StartMoto = false,
            WriteStateFile = false,
            LifecyclePolicyInterval = null,
        });
        _awayAws = AwsConnection.FromStackConfig(LocalCloudConnection.ProviderConfig(_away));
    }

    public async Task DisposeAsync()
    {
        _awayAws.Dispose();
        await _away.DisposeAsync();
        await _home.DisposeAsync();
    }

    private PulumiFn Program() => PulumiFn.Create(() =>
    {
        var home = new Repository("home");
        var away = new Provider("away", new ProviderArgs
        {
            Region = _away.Region,
            Endpoint = _away.Endpoint.ToString(),
            AccessKey = LocalCloudConnection.AccessKey,
            SecretKey = LocalCloudConnection.SecretKey,
            SkipCredentialsValidation = true,
        });
        var awayRepository = new Repository("away", null, new CustomResourceOptions { Provider = away });
        new RepositoryPolicy("away-pull", new RepositoryPolicyArgs
        {
            Repository = awayRepository.RepositoryName,
            Policy = EcrPolicies.PullAccess("arn:aws:iam::123456789012:root"),
        }, new CustomResourceOptions { Provider = away });
        return new Dictionary<string, object?> { ["home"] = home.RepositoryName, ["away"] = awayRepository.RepositoryName };
    });

    private static async Task<List<string>> RepositoriesAsync(AwsConnection aws)
    {
        var names = new List<string>();
        await foreach (var repository in aws.Ecr.DescribeAllRepositoriesAsync()) names.Add(repository.RepositoryName!);
        return names;
    }

    [Fact]
    public async Task Up_ResourcesChoosingAnExplicitProvider_GoToItsEndpoint_TheOthersToTheStackConfigs_AndDestroyRemovesBoth()
    {
        var stack = await _home.StackAsync(Program());
        var up = await stack.UpAsync();
        var home = (string)up.Outputs["home"].Value!;
        var away = (string)up.Outputs["away"].Value!;

        (await RepositoriesAsync(_home.Aws)).ShouldBe([home], "the stack config's cloud holds only the default provider's repository");
        (await RepositoriesAsync(_awayAws)).ShouldBe([away], "the explicit provider's cloud holds only its repository");
        (await _awayAws.Ecr.GetRepositoryPolicyAsync(new Aws.Ecr.RepositoryRequest { RepositoryName = away })).PolicyText.ShouldNotBeNull();
        (await stack.ExportStackAsync()).Json.ShouldNotContain(LocalCloudConnection.SecretKey, Case.Sensitive, "the provider's secret key is encrypted in state");

        (await stack.PreviewAsync()).ChangeSummary.Keys.ShouldBe([OperationType.Same], "a second run through the same provider finds no changes");

        await stack.DestroyAsync();
        (await RepositoriesAsync(_home.Aws)).ShouldBeEmpty();
        (await RepositoriesAsync(_awayAws)).ShouldBeEmpty();
    }
}
