namespace EcrAutomation.Yaml.Tests;

/// <summary>
/// A template's <c>config:</c> entries: typed values from the stack's config, defaults, the project's namespace, secrets,
/// the legacy <c>configuration:</c> key, and the errors for wrong types and missing values.
/// </summary>
public sealed class ConfigTests : IDisposable
{
    private readonly BuiltinTestStack _stack = new();

    public void Dispose() => _stack.Dispose();

    private const string TypedProgram = """
        config:
          name:
            type: String
          replicas:
            type: Integer
          ratio:
            type: Number
          enabled:
            type: Boolean
          zones:
            type: List<String>
          ports:
            type: List<Integer>
          tags:
            type: Object
        outputs:
          name: ${name}
          replicas: ${replicas}
          ratio: ${ratio}
          enabled: ${enabled}
          zones: ${zones}
          firstPort: ${ports[0]}
          team: ${tags.team}
          summary: ${name} x${replicas}
        """;

    [Fact]
    public async Task EveryType_IsReadFromTheStack_AndKeepsItsType()
    {
        await _stack.SetConfigAsync("proj:name", "web");
        await _stack.SetConfigAsync("proj:replicas", "3");
        await _stack.SetConfigAsync("proj:ratio", "0.25");
        await _stack.SetConfigAsync("proj:enabled", "true");
        await _stack.SetConfigAsync("proj:zones", """["a","b"]""");
        await _stack.SetConfigAsync("proj:ports", "[80, 443]");
        await _stack.SetConfigAsync("proj:tags", """{"team":"platform"}""");

        var outputs = (await _stack.UpAsync(TypedProgram)).Outputs;

        outputs["name"].Value.ShouldBe("web");
        outputs["replicas"].Value.ShouldBe(3.0);
        outputs["ratio"].Value.ShouldBe(0.25);
        outputs["enabled"].Value.ShouldBe(true);
        outputs["zones"].Value.ShouldBe(new List<object?> { "a", "b" });
        outputs["firstPort"].Value.ShouldBe(80.0);
        outputs["team"].Value.ShouldBe("platform");
        outputs["summary"].Value.ShouldBe("web x3");
    }

    [Fact]
    public async Task Defaults_AreUsedUntilTheStackSetsAValue()
    {
        const string program = """
            config:
              size:
                type: Integer
                default: 2
              label:
                default: blue
            outputs:
              size: ${size}
              label: ${label}
            """;

        var first = (await _stack.UpAsync(program)).Outputs;
        await _stack.SetConfigAsync("proj:size", "5");
        var second = (await _stack.UpAsync(program)).Outputs;

        (first["size"].Value, first["label"].Value).ShouldBe((2.0, "blue"));
        (second["size"].Value, second["label"].Value).ShouldBe((5.0, "blue"));
    }

    [Fact]
    public async Task ProjectNamespace_IsOptional_AndOtherNamespacesAndUndeclaredKeysAreReadable()
    {
        await _stack.SetConfigAsync("proj:greeting", "hi");
        await _stack.SetConfigAsync("proj:undeclared", "plain");
        await _stack.SetConfigAsync("test:flavor", "vanilla");

        var outputs = (await _stack.UpAsync("""
            config:
              proj:greeting:
                type: String
              test:flavor:
                type: String
            outputs:
              bare: ${greeting}
              qualified: ${proj:greeting}
              otherNamespace: ${test:flavor}
              undeclared: ${undeclared}
            """)).Outputs;

        outputs["bare"].Value.ShouldBe("hi");
        outputs["qualified"].Value.ShouldBe("hi");
        outputs["otherNamespace"].Value.ShouldBe("vanilla");
        outputs["undeclared"].Value.ShouldBe("plain");
    }

    [Fact]
    public async Task LegacyConfigurationKey_IsRead()
    {
        await _stack.SetConfigAsync("proj:replicas", "4");

        var outputs = (await _stack.UpAsync("""
            configuration:
              replicas:
                type: Integer
            outputs:
              replicas: ${replicas}
            """)).Outputs;

        outputs["replicas"].Value.ShouldBe(4.0);
    }

    [Fact]
    public async Task SecretInTheStack_StaysSecret_InResourceInputsAndOutputs()
    {
        await _stack.SetConfigAsync("proj:password", "hunter2", secret: true);

        var result = await _stack.UpAsync("""
            config:
              password:
                type: String
            resources:
              first:
                type: test:index:Thing
                properties:
                  value: ${password}
            outputs:
              password: ${password}
              derived: user:${password}
            """);

        result.Outputs["password"].ShouldBe(new Automation.OutputValue("hunter2", IsSecret: true));
        result.Outputs["derived"].ShouldBe(new Automation.OutputValue("user:hunter2", IsSecret: true));
        (await _stack.ExportAsync()).ShouldNotContain("hunter2");
    }

    [Fact]
    public async Task DeclaredSecret_MakesAPlainStackValueSecret()
    {
        await _stack.SetConfigAsync("proj:token", "abc");

        var result = await _stack.UpAsync("""
            config:
              token:
                type: String
                secret: true
            outputs:
              token: ${token}
            """);

        result.Outputs["token"].ShouldBe(new Automation.OutputValue("abc", IsSecret: true));
    }

    [Fact]
    public async Task WrongType_IsAnErrorNamingTheKeyTheValueAndTheFix()
    {
        await _stack.SetConfigAsync("proj:replicas", "abc");

        var errors = await _stack.ErrorsAsync("""
            config:
              replicas:
                type: Integer
            resources:
              first:
                type: test:index:Thing
            """);

        var error = errors.ShouldHaveSingleItem();
        error.ShouldContain("Pulumi.yaml:2:3: error: config value 'proj:replicas' has type Integer but the stack gives \"abc\"");
        error.ShouldContain("set an integer with `ecr-automation config set proj:replicas <value>`");
    }

    [Fact]
    public async Task WrongTypeOfASecret_DoesNotPrintTheSecret()
    {
        await _stack.SetConfigAsync("proj:enabled", "hunter2", secret: true);

        var errors = await _stack.ErrorsAsync("""
            config:
              enabled:
                type: Boolean
            """);

        var error = errors.ShouldHaveSingleItem();
        error.ShouldContain("config value 'proj:enabled' has type Boolean but the stack gives a secret value that is not of that type");
        error.ShouldNotContain("hunter2");
    }

    [Fact]
    public async Task MissingRequiredValues_AreAllReportedWithHowToSetThem()
    {
        var errors = await _stack.ErrorsAsync("""
            config:
              region:
                type: String
              count:
                type: Integer
            resources:
              first:
                type: test:index:Thing
            """);

        errors.ShouldContain(e => e.Contains("Pulumi.yaml:2:3: error: Missing required configuration variable 'proj:region'") && e.Contains("ecr-automation config set proj:region <value>"));
        errors.ShouldContain(e => e.Contains("Pulumi.yaml:4:3: error: Missing required configuration variable 'proj:count'"));
    }

    [Fact]
    public async Task BadDeclarations_AreReportedWithPositions()
    {
        var errors = await _stack.ErrorsAsync("""
            config:
              a:
                type: Strin
              b:
                type: Integer
                default: hello
              c:
                secret: true
            """);

        errors.ShouldContain(e => e.Contains("Pulumi.yaml:3:11: error: unexpected configuration type 'Strin': valid types are String, Integer, Number, Boolean, Object, List<String>"));
        errors.ShouldContain(e => e.Contains("Pulumi.yaml:4:3: error: type mismatch: default value of type String but type Integer was specified"));
        errors.ShouldContain(e => e.Contains("Pulumi.yaml:7:3: error: unable to infer type: either 'default' or 'type' is required"));
    }

    [Fact]
    public async Task NotSecretDeclaration_OfASecretStackValue_IsAnError()
    {
        await _stack.SetConfigAsync("proj:password", "hunter2", secret: true);

        var errors = await _stack.ErrorsAsync("""
            config:
              password:
                type: String
                secret: false
            """);

        errors.ShouldHaveSingleItem().ShouldContain("Pulumi.yaml:2:3: error: Cannot mark a configuration value as not secret if the associated config value is secret");
    }

    [Fact]
    public async Task ProjectFileStyleArray_WithItems_IsAList()
    {
        await _stack.SetConfigAsync("proj:subnets", """["s-1","s-2"]""");

        var outputs = (await _stack.UpAsync("""
            config:
              subnets:
                type: array
                items:
                  type: string
            outputs:
              second: ${subnets[1]}
            """)).Outputs;

        outputs["second"].Value.ShouldBe("s-2");
    }
}
