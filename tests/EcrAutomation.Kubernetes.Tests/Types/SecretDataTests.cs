using System.Text;
using EcrAutomation.Automation;
using EcrAutomation.Kubernetes.Types.Inputs.Core.V1;
using EcrAutomation.Kubernetes.Types.Inputs.Meta.V1;
using EcrAutomation.Providers;
using CoreV1 = EcrAutomation.Kubernetes.Core.V1;

namespace EcrAutomation.Kubernetes.Tests.Types;

/// <summary>A Secret's <c>data</c> and <c>stringData</c> are secret inputs and outputs, never plaintext in state.</summary>
public sealed class SecretDataTests : IDisposable
{
    private const string Password = "correct-horse-battery-staple";
    private const string Token = "tok-8b1d6e0f2a";

    private readonly KubernetesStack _stack = new();

    public void Dispose() => _stack.Dispose();

    [Fact]
    public async Task SecretDataAndStringData_AreSecretPropertyValues_AndStayEncryptedInState()
    {
        var encoded = Convert.ToBase64String(Encoding.UTF8.GetBytes(Password));
        var options = new CustomResourceOptions();
        // The API server folds stringData into data: the live object has data the program never gave.
        _stack.Provider.LiveFields["token"] = PropertyMap.From([KeyValuePair.Create("data", PropertyValue.Of(PropertyMap.From(
            [KeyValuePair.Create("token", PropertyValue.Of(Convert.ToBase64String(Encoding.UTF8.GetBytes(Token))))])))]);

        await _stack.UpAsync(PulumiFn.Create(() =>
        {
            new CoreV1.Secret("credentials", new SecretArgs
            {
                Metadata = new ObjectMetaArgs { Name = "credentials" },
                Type = "Opaque",
                Data = { ["password"] = encoded },
            }, options);
            new CoreV1.Secret("token", new SecretArgs { StringData = { ["token"] = Token } });
        }));

        var credentials = _stack.Provider.Creates["credentials"].Inputs;
        credentials["data"].IsSecret.ShouldBeTrue();
        credentials["data"].Unsecret().AsMap.GetString("password").ShouldBe(encoded);
        credentials["type"].ShouldBe(PropertyValue.Of("Opaque"));
        credentials.ShouldNotContainKey("stringData");
        _stack.Provider.Creates["token"].Inputs["stringData"].IsSecret.ShouldBeTrue();
        options.AdditionalSecretOutputs.ShouldBeEmpty("the caller's options are left as they were");

        var state = await File.ReadAllTextAsync(_stack.StackFile);
        state.ShouldNotContain(encoded);
        state.ShouldNotContain(Token);
        state.ShouldNotContain(Convert.ToBase64String(Encoding.UTF8.GetBytes(Token)));
        state.ShouldContain("\"additionalSecretOutputs\"");
    }
}
