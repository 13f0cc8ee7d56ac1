using EcrAutomation.Events;

namespace EcrAutomation.Yaml.Tests;

public sealed class DefaultProviderTests : IDisposable
{
    private readonly YamlStack _stack = new();

    public void Dispose() => _stack.Dispose();

    [Fact]
    public async Task DefaultProvider_IsUsedByEveryResourceOfItsPackage()
    {
        await _stack.UpAsync("""
            resources:
              first:
                type: test:index:Thing
                properties:
                  value: v1
              zone:
                type: pulumi:providers:test
                defaultProvider: true
                properties:
                  zone: a
              random:
                type: random:RandomString
                properties:
                  length: 4
            """);

        _stack.ProviderOf("first").ShouldStartWith("urn:pulumi:dev::proj::pulumi:providers:test::zone::");
        _stack.ProviderOf("random").ShouldStartWith("urn:pulumi:dev::proj::pulumi:providers:random::default");
    }

    [Fact]
    public async Task ExplicitProviderOption_WinsOverTheDefaultProvider()
    {
        await _stack.UpAsync("""
            resources:
              zoneA:
                type: pulumi:providers:test
                defaultProvider: true
              zoneB:
                type: pulumi:providers:test
              first:
                type: test:index:Thing
                properties:
                  value: v1
                options:
                  provider: ${zoneB}
            """);

        _stack.ProviderOf("first").ShouldStartWith("urn:pulumi:dev::proj::pulumi:providers:test::zoneB::");
    }

    [Fact]
    public async Task ParseWarnings_AreReportedAsDiagnosticsAndTheProgramRuns()
    {
        var result = await _stack.UpAsync("""
            resources:
              first:
                type: test:index:Thing
                properties:
                  value: v1
            outptus:
              x: 1
            """);

        _stack.Provider.Existing().Count.ShouldBe(1);
        _stack.Events.OfType<DiagnosticEvent>().ShouldContain(d => d.Severity == DiagnosticSeverity.Warning
            && d.Message.Contains("Pulumi.yaml:6:1: warning: Field 'outptus' does not exist on Object 'Template'; Did you mean 'outputs'?"));
        result.Outputs.ShouldBeEmpty();
    }
}
