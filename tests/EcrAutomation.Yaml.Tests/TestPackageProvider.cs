namespace EcrAutomation.Yaml.Tests;

/// <summary>Arguments of <see cref="TestPackageProvider"/>.</summary>
public sealed class TestPackageProviderArgs : ResourceArgs
{
    [Input("zone")] public Input<string>? Zone { get; set; }
}

/// <summary>An explicit provider of the test package (<c>test:index:Thing</c>), for YAML's providers and <c>defaultProvider</c>.</summary>
[ResourceType("pulumi:providers:test")]
public sealed class TestPackageProvider(string name, TestPackageProviderArgs? args = null, CustomResourceOptions? options = null)
    : ProviderResource("test", name, args ?? new TestPackageProviderArgs(), options);
