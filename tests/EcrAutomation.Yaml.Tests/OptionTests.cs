using EcrAutomation.Automation;
using EcrAutomation.Events;
using EcrAutomation.Providers;

namespace EcrAutomation.Yaml.Tests;

/// <summary>
/// Each resource option of a YAML program reaching the engine, proven by the engine's behaviour (a protected resource
/// survives a destroy, an alias keeps the URN, ...), and the options the engine does not support being errors.
/// </summary>
public sealed class OptionTests : IDisposable
{
    private readonly BuiltinTestStack _stack = new();

    public void Dispose() => _stack.Dispose();

    private static string Thing(string name, string options, string value = "v1") => $$"""
        resources:
          {{name}}:
            type: test:index:Thing
            properties:
              value: {{value}}
            options:
        {{string.Join("\n", options.Split('\n').Select(l => "      " + l))}}
        """;

    [Fact]
    public async Task Protect_BlocksADestroy()
    {
        await _stack.UpAsync(Thing("keep", "protect: true"));

        var error = await Should.ThrowAsync<UpdateFailedException>(_stack.DestroyAsync);

        error.Message.ShouldContain("marked for protection");
        _stack.Cloud.Existing().Count.ShouldBe(1);
    }

    [Fact]
    public async Task IgnoreChanges_KeepsTheRecordedValue()
    {
        await _stack.UpAsync(Thing("t", "ignoreChanges: [value]", value: "1"));
        var up = await _stack.UpAsync(Thing("t", "ignoreChanges: [value]", value: "2"));

        up.Summary.ResourceChanges!.ContainsKey(OperationType.Update).ShouldBeFalse();
        _stack.Cloud.Updates.ShouldBe(0);
        File.ReadAllText(Path.Combine(_stack.Cloud.CloudDirectory, _stack.Cloud.Existing().Single())).ShouldBe("1");
    }

    [Fact]
    public async Task DependsOn_CreatesTheDependencyFirst()
    {
        _stack.Cloud.Delay = TimeSpan.FromMilliseconds(300);

        await _stack.UpAsync("""
            resources:
              late:
                type: test:index:Thing
                options:
                  dependsOn: [ "${early}" ]
              early:
                type: test:index:Thing
            """);

        var steps = _stack.Provider.Steps.ToList();
        steps.IndexOf("end early").ShouldBeLessThan(steps.IndexOf("start late"), string.Join(", ", steps));
    }

    [Fact]
    public async Task Aliases_KeepTheUrnOfARenamedResource()
    {
        await _stack.UpAsync("""
            resources:
              old-name:
                type: test:index:Thing
            """);
        var up = await _stack.UpAsync("""
            resources:
              new-name:
                type: test:index:Thing
                options:
                  aliases:
                    - name: old-name
            """);

        up.Summary.ResourceChanges!.ContainsKey(OperationType.Create).ShouldBeFalse();
        up.Summary.ResourceChanges.ContainsKey(OperationType.Delete).ShouldBeFalse();
        _stack.Cloud.Creates.ShouldBe(1);
        (await _stack.ExportAsync()).ShouldContain("urn:pulumi:dev::proj::test:index:Thing::new-name");
    }

    [Fact]
    public async Task Aliases_ByUrn_KeepTheUrnOfARenamedResource()
    {
        await _stack.UpAsync("resources:\n  before:\n    type: test:index:Thing\n");
        var up = await _stack.UpAsync(Thing("after", "aliases: [ \"urn:pulumi:dev::proj::test:index:Thing::before\" ]"));

        up.Summary.ResourceChanges!.ContainsKey(OperationType.Delete).ShouldBeFalse();
        _stack.Cloud.Creates.ShouldBe(1);
    }

    [Fact]
    public async Task CustomTimeouts_ReachTheProviderRequest()
    {
        await _stack.UpAsync(Thing("t", "customTimeouts:\n  create: 1h30m\n  update: 5m\n  delete: 90s"));

        _stack.Provider.Requests.OfType<CreateRequest>().Single().Timeout.ShouldBe(TimeSpan.FromMinutes(90));
        (await _stack.ExportAsync()).ShouldContain("\"customTimeouts\"");
    }

    [Fact]
    public async Task AdditionalSecretOutputs_MakeTheOutputSecretInState()
    {
        var result = await _stack.UpAsync(Thing("t", "additionalSecretOutputs: [value]", value: "visible-in-program") + """

            outputs:
              value: ${t.value}
            """);

        result.Outputs["value"].IsSecret.ShouldBeTrue();
        var export = await _stack.ExportAsync();
        export.ShouldContain("\"additionalSecretOutputs\"");
        export.ShouldContain("1b47061264138c4ac30d75fd1eb44270"); // the output is stored as a secret
    }

    [Fact]
    public async Task DeleteBeforeReplace_DeletesTheOldResourceFirst()
    {
        string Program(string key) => $$"""
            resources:
              t:
                type: test:index:Thing
                properties:
                  name: fixed-name
                  replaceKey: {{key}}
                options:
                  deleteBeforeReplace: true
            """;
        await _stack.UpAsync(Program("a"));

        var up = await _stack.UpAsync(Program("b"));

        up.Summary.ResourceChanges![OperationType.Replace].ShouldBe(1);
        var steps = _stack.Provider.Steps.ToList();
        steps.LastIndexOf("delete t").ShouldBeLessThan(steps.LastIndexOf("start t"));
        _stack.Cloud.Existing().ShouldBe(["fixed-name"]);
    }

    [Fact]
    public async Task RetainOnDelete_LeavesTheCloudResource()
    {
        await _stack.UpAsync(Thing("kept", "retainOnDelete: true"));

        await _stack.DestroyAsync();

        _stack.Cloud.Existing().Count.ShouldBe(1);
        _stack.Cloud.Deletes.ShouldBe(0);
    }

    [Fact]
    public async Task ReplaceOnChanges_ReplacesOnAChangeTheProviderWouldUpdate()
    {
        await _stack.UpAsync(Thing("t", "replaceOnChanges: [value]", value: "1"));

        var up = await _stack.UpAsync(Thing("t", "replaceOnChanges: [value]", value: "2"));

        up.Summary.ResourceChanges![OperationType.Replace].ShouldBe(1);
        _stack.Cloud.Updates.ShouldBe(0);
    }

    [Fact]
    public async Task Import_AdoptsAnExistingResource()
    {
        await File.WriteAllTextAsync(Path.Combine(_stack.Cloud.CloudDirectory, "preexisting"), "old");

        var up = await _stack.UpAsync("""
            resources:
              adopted:
                type: test:index:Thing
                properties:
                  name: preexisting
                  value: old
                options:
                  import: preexisting
            """);

        up.Summary.ResourceChanges![OperationType.Import].ShouldBe(1);
        _stack.Cloud.Creates.ShouldBe(0);
        (await _stack.ExportAsync()).ShouldContain("\"id\": \"preexisting\"");
    }

    [Fact]
    public async Task Parent_NestsTheUrnUnderTheParent()
    {
        await _stack.UpAsync("""
            resources:
              parent:
                type: test:index:Thing
              child:
                type: test:index:Thing
                options:
                  parent: ${parent}
            """);

        (await _stack.ExportAsync()).ShouldContain("urn:pulumi:dev::proj::test:index:Thing$test:index:Thing::child");
    }

    [Fact]
    public async Task OptionsFromConfig_AreRead()
    {
        await _stack.SetConfigAsync("proj:protectIt", "true");

        await _stack.UpAsync("""
            config:
              protectIt:
                type: Boolean
            resources:
              keep:
                type: test:index:Thing
                options:
                  protect: ${protectIt}
            """);

        (await Should.ThrowAsync<UpdateFailedException>(_stack.DestroyAsync)).Message.ShouldContain("marked for protection");
    }

    private string? ZoneOf(string name) => _stack.Provider.Requests.OfType<CreateRequest>().Single(r => r.Name == name).Config.GetValueOrDefault("test:zone");

    [Fact]
    public async Task Provider_ItsConfigurationReachesTheResourcesProviderCalls()
    {
        await _stack.SetConfigAsync("test:zone", "stack-zone");

        await _stack.UpAsync("""
            resources:
              west:
                type: pulumi:providers:test
                properties:
                  zone: west-zone
              chosen:
                type: test:index:Thing
                options:
                  provider: ${west}
              defaulted:
                type: test:index:Thing
            """);

        ZoneOf("chosen").ShouldBe("west-zone");
        ZoneOf("defaulted").ShouldBe("stack-zone");
        (await _stack.ExportAsync()).ShouldContain("\"provider\": \"urn:pulumi:dev::proj::pulumi:providers:test::west::");
    }

    [Fact]
    public async Task Providers_OnAComponent_ReachItsChildren_AndOnACustomResourceChooseItsPackagesProvider()
    {
        await _stack.UpAsync("""
            resources:
              west:
                type: pulumi:providers:test
                properties:
                  zone: west-zone
              group:
                type: test:index:OptionGroup
                properties:
                  value: v
                options:
                  providers: [ "${west}" ]
              single:
                type: test:index:Thing
                options:
                  providers:
                    test: ${west}
            """);

        ZoneOf("group-child").ShouldBe("west-zone");
        ZoneOf("single").ShouldBe("west-zone");
    }

    [Fact]
    public async Task Provider_OfAnotherPackage_IsAnErrorNamingBoth()
    {
        var errors = await _stack.ErrorsAsync("""
            resources:
              names:
                type: random:index:RandomString
                properties:
                  length: 4
              west:
                type: pulumi:providers:test
              chosen:
                type: random:index:RandomString
                properties:
                  length: 4
                options:
                  provider: ${west}
            """, untouched: false);

        errors.ShouldContain(e => e.Contains("the provider west manages package 'test', not 'random' of chosen (random:index/randomString:RandomString)"));
    }

    [Fact]
    public async Task Version_OfThePackageProvided_IsAccepted_AndAnotherIsAnError()
    {
        var provided = typeof(Testing.Thing).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyInformationalVersionAttribute), false)
            .Cast<System.Reflection.AssemblyInformationalVersionAttribute>().Single().InformationalVersion.Split('+')[0];

        await _stack.UpAsync(Thing("t", $"version: {provided}"));
        var errors = await _stack.ErrorsAsync(Thing("t", "version: 99.0.0"), untouched: false);

        var error = errors.ShouldHaveSingleItem();
        error.ShouldContain($"Pulumi.yaml:7:16: error: t asks for version 99.0.0 of package 'test', but ecr-automation provides version {provided}");
        error.ShouldContain($"set it to {provided}");
    }

    [Fact]
    public async Task Provider_ThatIsNotAProvider_IsAnError()
    {
        var errors = await _stack.ErrorsAsync("""
            resources:
              first:
                type: test:index:Thing
              second:
                type: test:index:Thing
                options:
                  provider: ${first}
            """, untouched: false);

        errors.ShouldContain(e => e.Contains("Pulumi.yaml:7:17: error: resource passed as Provider was not a provider resource 'first'"));
    }

    [Fact]
    public async Task UnsupportedOptions_AreErrorsNamingThem_BeforeAnyResourceIsTouched()
    {
        var errors = await _stack.ErrorsAsync(Thing("t", "deletedWith: ${t}\nhideDiffs: [value]\npluginDownloadURL: https://example.com"));

        errors.ShouldContain(e => e.Contains("Pulumi.yaml:7:7: error: option deletedWith is not supported by ecr-automation"));
        errors.ShouldContain(e => e.Contains("Pulumi.yaml:8:7: error: option hideDiffs is not supported by ecr-automation"));
        errors.ShouldContain(e => e.Contains("Pulumi.yaml:9:7: error: option pluginDownloadURL is not supported by ecr-automation"));
    }

    [Fact]
    public async Task UnknownOption_IsAnErrorWithDidYouMean()
    {
        var errors = await _stack.ErrorsAsync(Thing("t", "protec: true"));

        var error = errors.ShouldHaveSingleItem();
        error.ShouldContain("Pulumi.yaml:7:7: error: Field 'protec' does not exist on Object 'options'");
        error.ShouldContain("Did you mean 'protect'?");
    }

    [Fact]
    public async Task WrongOptionTypes_AreReportedWithPositions()
    {
        var errors = await _stack.ErrorsAsync(Thing("t", "protect: yes please\nignoreChanges: value\ndependsOn: first\ncustomTimeouts:\n  create: soon\n  read: 5m\nversion: latest"));

        errors.ShouldContain(e => e.Contains("Pulumi.yaml:7:16: error: option protect must be a boolean, not a string"));
        errors.ShouldContain(e => e.Contains("Pulumi.yaml:8:22: error: option ignoreChanges must be a list of property names (strings), not a string"));
        errors.ShouldContain(e => e.Contains("Pulumi.yaml:9:18: error: resource option dependsOn value must be a list of resources"));
        errors.ShouldContain(e => e.Contains("Pulumi.yaml:11:17: error: invalid duration \"soon\" for customTimeouts.create"));
        errors.ShouldContain(e => e.Contains("Pulumi.yaml:12:9: error: Field 'read' does not exist on Object 'customTimeouts'"));
        errors.ShouldContain(e => e.Contains("Pulumi.yaml:13:16: error: unable to parse version 'latest'"));
    }
}
