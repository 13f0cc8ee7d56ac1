namespace EcrAutomation.Yaml.Tests;

/// <summary>Every error the check finds, in pulumi-yaml's words with file:line:col, before any resource is touched.</summary>
public sealed class CheckerTests : IDisposable
{
    private readonly YamlStack _stack = new();

    public void Dispose() => _stack.Dispose();

    private async Task<string> SingleErrorAsync(string yaml) => (await _stack.ErrorsAsync(yaml)).ShouldHaveSingleItem();

    [Fact]
    public async Task DuplicateName_AcrossVariablesAndResources_IsReported()
    {
        var error = await SingleErrorAsync("""
            variables:
              first: hello
            resources:
              first:
                type: test:index:Thing
            """);

        error.ShouldContain("Pulumi.yaml:4:3: error: found duplicate resource first; variable first is declared at Pulumi.yaml:2:3");
    }

    [Fact]
    public async Task ReservedName_Pulumi_IsReported()
    {
        var error = await SingleErrorAsync("variables:\n  pulumi: x\n");

        error.ShouldContain("Pulumi.yaml:2:3: error: variable pulumi uses the reserved name \"pulumi\"");
    }

    [Fact]
    public async Task MissingReference_IsReportedWithDidYouMean()
    {
        var error = await SingleErrorAsync("""
            resources:
              first:
                type: test:index:Thing
                properties:
                  value: v1
            outputs:
              arn: ${frist.arn}
            """);

        error.ShouldContain("Pulumi.yaml:7:8: error: resource or variable named \"frist\" could not be found; Did you mean 'first'?");
    }

    [Fact]
    public async Task Cycle_IsReported()
    {
        var error = await SingleErrorAsync("""
            resources:
              a:
                type: test:index:Thing
                properties:
                  value: ${b.arn}
              b:
                type: test:index:Thing
                properties:
                  value: ${c}
            variables:
              c: ${a.arn}
            """);

        error.ShouldContain("Pulumi.yaml:2:3: error: circular dependency of resource 'a' transitively on itself");
    }

    [Fact]
    public async Task UnknownResourceType_NamesTheTypeWithDidYouMean()
    {
        var error = await SingleErrorAsync("""
            resources:
              first:
                type: test:index:Thng
            """);

        error.ShouldContain("Pulumi.yaml:3:11: error: unknown resource type 'test:index:Thng'; Did you mean 'test:index:Thing'?");
    }

    [Fact]
    public async Task UnknownProperty_ListsTheExistingOnes()
    {
        var error = await SingleErrorAsync("""
            resources:
              first:
                type: test:index:Thing
                properties:
                  value: v1
                  buzz: b
            """);

        error.ShouldContain("Pulumi.yaml:6:7: error: Property buzz does not exist on 'test:index:Thing'; Cannot assign '{value: string, buzz: string}' to 'test:index:Thing':\n  Existing properties are: name, replaceKey, secretValue, value");
    }

    [Fact]
    public async Task WrongPropertyType_IsReportedAtTheValue()
    {
        var error = await SingleErrorAsync("""
            resources:
              password:
                type: random:RandomString
                properties:
                  length: [1, 2]
            """);

        error.ShouldContain("Pulumi.yaml:5:15: error: length: Cannot assign type 'List<integer>' to type 'integer'");
    }

    [Fact]
    public async Task AccessToAnOutputThatDoesNotExist_IsReported()
    {
        var error = await SingleErrorAsync("""
            resources:
              first:
                type: test:index:Thing
            outputs:
              nope: ${first.nope}
            """);

        error.ShouldContain("Pulumi.yaml:5:9: error: Property nope does not exist on 'test:index:Thing'; Existing properties are: arn, id, name, urn, value");
    }

    [Fact]
    public async Task AccessToANestedPropertyThatDoesNotExist_SuggestsTheClosest()
    {
        var error = await SingleErrorAsync("""
            variables:
              settings:
                network:
                  subnets: [a, b]
            outputs:
              bad: ${settings.network.subnet}
            """);

        error.ShouldContain("Pulumi.yaml:6:8: error: Property subnet does not exist on '{subnets: List<string>}'; Existing properties are: subnets; Did you mean 'subnets'?");
    }

    [Fact]
    public async Task IndexOnANonList_IsReported()
    {
        var error = await SingleErrorAsync("""
            resources:
              first:
                type: test:index:Thing
            outputs:
              letter: ${first.arn[0]}
            """);

        error.ShouldContain("Pulumi.yaml:5:11: error: cannot index into type 'string': it is not a list; first.arn is a string");
    }

    [Fact]
    public async Task PropertyOfAList_IsReported()
    {
        var error = await SingleErrorAsync("""
            variables:
              names: [a, b]
            outputs:
              bad: ${names.first}
            """);

        error.ShouldContain("Pulumi.yaml:4:8: error: cannot access a list element using a property name; names is a List<string>");
    }

    [Fact]
    public async Task ManyErrors_AreAllReportedAtOnce()
    {
        var errors = await _stack.ErrorsAsync("""
            resources:
              first:
                type: test:index:Thing
                properties:
                  value: ${missing}
                  buzz: b
              second:
                type: nope:index:Thing
            outputs:
              out: ${other}
            """);

        errors.Count.ShouldBe(4, string.Join("\n", errors));
    }

    [Fact]
    public async Task GetState_WithAnUnknownProperty_IsReportedLikeProperties()
    {
        var error = await SingleErrorAsync("""
            resources:
              first:
                type: test:index:Thing
                get:
                  id: existing
                  state:
                    valeu: x
            """);

        error.ShouldContain("Pulumi.yaml:7:9: error: Property valeu does not exist on 'test:index:Thing'");
        error.ShouldContain("Did you mean 'value'?");
    }

    [Fact]
    public async Task GetId_ThatIsNotAString_IsReported()
    {
        var error = await SingleErrorAsync("""
            resources:
              first:
                type: test:index:Thing
                get:
                  id: [a, b]
            """);

        error.ShouldContain("Pulumi.yaml:5:11: error: get.id: Cannot assign type 'List<string>' to type 'string'");
    }

    [Fact]
    public async Task DefaultProviderOnANonProvider_IsReported()
    {
        var error = await SingleErrorAsync("""
            resources:
              first:
                type: test:index:Thing
                defaultProvider: true
            """);

        error.ShouldContain("Pulumi.yaml:4:22: error: defaultProvider applies only to provider resources");
    }

    [Fact]
    public async Task UnknownResourceType_SuggestsTheShortSpellingOfACanonicalToken()
    {
        var error = await SingleErrorAsync("""
            resources:
              password:
                type: random:index:RandomStrin
            """);

        error.ShouldContain("Pulumi.yaml:3:11: error: unknown resource type 'random:index:RandomStrin'; Did you mean 'random:index:RandomString'?");
    }

    [Fact]
    public async Task MissingRequiredProperty_IsReportedEvenWithoutProperties()
    {
        var error = await SingleErrorAsync("""
            resources:
              password:
                type: random:RandomString
            """);

        error.ShouldContain("Pulumi.yaml:3:5: error: Missing required property 'length' of resource password ('random:index/randomString:RandomString')");
    }
}
