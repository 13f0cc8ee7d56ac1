using EcrAutomation.State;

namespace EcrAutomation.Yaml.Tests;

public sealed class EvaluationTests : IDisposable
{
    private readonly YamlStack _stack = new();

    public void Dispose() => _stack.Dispose();

    [Fact]
    public async Task Up_ResourceReferencingAnother_PassesItsOutputInDependencyOrder()
    {
        var result = await _stack.UpAsync("""
            resources:
              second:
                type: test:index:Thing
                properties:
                  value: ${first.arn}
              first:
                type: test:index:Thing
                properties:
                  value: v1
            outputs:
              firstArn: ${first.arn}
              secondValue: ${second.value}
            """);

        var firstArn = (string)result.Outputs["firstArn"].Value!;
        firstArn.ShouldStartWith("arn:test:first-");
        result.Outputs["secondValue"].Value.ShouldBe(firstArn);
        _stack.Provider.Existing().Count.ShouldBe(2);
    }

    [Fact]
    public async Task Up_Interpolation_JoinsTextAndOutputs()
    {
        var result = await _stack.UpAsync("""
            variables:
              port: 8080
            resources:
              first:
                type: test:index:Thing
                properties:
                  value: v1
            outputs:
              url: http://${first.value}:${port}/x
              escaped: cost $$5 and $${notAnAccess}
              mixed: "$$${first.value}"
            """);

        result.Outputs["url"].Value.ShouldBe("http://v1:8080/x");
        result.Outputs["escaped"].Value.ShouldBe("cost $5 and ${notAnAccess}");
        result.Outputs["mixed"].Value.ShouldBe("$v1");
    }

    [Fact]
    public async Task Up_SingleInterpolation_KeepsTheValuesType()
    {
        var result = await _stack.UpAsync("""
            variables:
              settings:
                size: 3
                enabled: true
                names: [a, b]
                tags:
                  team.name: platform
            outputs:
              whole: ${settings}
              size: ${settings.size}
              enabled: ${settings.enabled}
              names: ${settings.names}
              second: ${settings.names[1]}
              keyed: ${settings.tags["team.name"]}
              nested: ${settings["names"][0]}
            """);

        result.Outputs["size"].Value.ShouldBe(3d);
        result.Outputs["enabled"].Value.ShouldBe(true);
        result.Outputs["names"].Value.ShouldBeAssignableTo<IEnumerable<object?>>()!.ShouldBe(["a", "b"]);
        result.Outputs["second"].Value.ShouldBe("b");
        result.Outputs["keyed"].Value.ShouldBe("platform");
        result.Outputs["nested"].Value.ShouldBe("a");
        var whole = result.Outputs["whole"].Value.ShouldBeAssignableTo<IDictionary<string, object?>>()!;
        whole.Keys.Order().ShouldBe(["enabled", "names", "size", "tags"]);
    }

    [Fact]
    public async Task Up_ResourceSymbol_IsTheResourceWithIdUrnAndOutputs()
    {
        var result = await _stack.UpAsync("""
            variables:
              thing: ${first}
              arnCopy: ${thing.arn}
              described: "${arnCopy} in ${pulumi.project}/${pulumi.stack}"
            resources:
              first:
                type: test:index:Thing
                properties:
                  value: v1
              second:
                type: test:index:Thing
                properties:
                  value: ${thing.id}
            outputs:
              id: ${first.id}
              urn: ${first.urn}
              described: ${described}
              secondValue: ${second.value}
            """);

        var id = (string)result.Outputs["id"].Value!;
        id.ShouldStartWith("first-");
        result.Outputs["urn"].Value.ShouldBe("urn:pulumi:dev::proj::test:index:Thing::first");
        result.Outputs["described"].Value.ShouldBe($"arn:test:{id} in proj/dev");
        result.Outputs["secondValue"].Value.ShouldBe(id);
    }

    [Fact]
    public async Task Up_ResourceName_IsTheLogicalNameInTheStack()
    {
        var result = await _stack.UpAsync("""
            resources:
              first:
                type: test:index:Thing
                name: renamed
                properties:
                  value: v1
            outputs:
              urn: ${first.urn}
            """);

        result.Outputs["urn"].Value.ShouldBe("urn:pulumi:dev::proj::test:index:Thing::renamed");
    }

    [Fact]
    public async Task Up_RandomResource_NumbersReachIntegerInputs()
    {
        var result = await _stack.UpAsync("""
            variables:
              length: 12
            resources:
              password:
                type: random:RandomString
                properties:
                  length: ${length}
                  special: false
            outputs:
              result: ${password.result}
            """);

        ((string)result.Outputs["result"].Value!).Length.ShouldBe(12);
    }

    [Fact]
    public async Task Preview_OutputsOfResourcesNotYetCreated_AreUnknown()
    {
        await _stack.PreviewAsync("""
            resources:
              first:
                type: test:index:Thing
                properties:
                  value: v1
              second:
                type: test:index:Thing
                properties:
                  value: prefix-${first.arn}
              third:
                type: test:index:Thing
                properties:
                  value: ${first.arn}
            """);

        _stack.InputsOf("first")["value"].ShouldBe("v1");
        _stack.InputsOf("second")["value"].ShouldBe(PropertyJson.UnknownSentinel);
        _stack.InputsOf("third")["value"].ShouldBe(PropertyJson.UnknownSentinel);
        _stack.Provider.Existing().ShouldBeEmpty();
    }

    [Fact]
    public async Task Up_ListIndexOutOfBounds_FailsWithPulumiYamlsWordsAndPosition()
    {
        var error = await Should.ThrowAsync<Automation.UpdateFailedException>(() => _stack.UpAsync("""
            variables:
              names: [a, b]
            outputs:
              third: ${names[5]}
            """));

        error.Message.ShouldContain("Pulumi.yaml:4:10: error: list index 5 out-of-bounds for list of length 2");
    }

    [Fact]
    public async Task Up_IndexIntoAnOutputList_AppliesOverTheOutput()
    {
        var result = await _stack.UpAsync("""
            resources:
              first:
                type: test:index:Thing
                properties:
                  value: v1
            variables:
              pair:
                - ${first.value}
                - ${first.arn}
            outputs:
              firstOfPair: ${pair[0]}
              joined: "${pair[0]}+${pair[0]}"
            """);

        result.Outputs["firstOfPair"].Value.ShouldBe("v1");
        result.Outputs["joined"].Value.ShouldBe("v1+v1");
    }

    [Fact]
    public async Task Up_SecondTime_IsUnchanged()
    {
        const string yaml = """
            resources:
              first:
                type: test:index:Thing
                properties:
                  value: v1
              second:
                type: test:index:Thing
                properties:
                  value: ${first.arn}
            """;
        await _stack.UpAsync(yaml);

        var second = await _stack.UpAsync(yaml);

        second.Summary.ResourceChanges![OperationType.Same].ShouldBe(3);
        _stack.Provider.Creates.ShouldBe(2);
    }

    [Fact]
    public async Task Up_SecretConfig_StaysSecretThroughInterpolationResourcesAndOutputs()
    {
        var result = await _stack.UpAsync("""
            config:
              password:
                type: string
                secret: true
            resources:
              first:
                type: test:index:Thing
                properties:
                  value: pw=${password}
            outputs:
              plain: ${password}
              interpolated: "the password is ${password}"
              fromResource: ${first.value}
              notSecret: ${first.arn}
            """, new Dictionary<string, Automation.ConfigValue> { ["proj:password"] = new("hunter2", IsSecret: true) });

        result.Outputs["plain"].ShouldBe(new Automation.OutputValue("hunter2", true));
        result.Outputs["interpolated"].ShouldBe(new Automation.OutputValue("the password is hunter2", true));
        result.Outputs["fromResource"].IsSecret.ShouldBeTrue();
        result.Outputs["fromResource"].Value.ShouldBe("pw=hunter2");
        result.Outputs["notSecret"].IsSecret.ShouldBeFalse();
        _stack.StateText().ShouldNotContain("hunter2");
    }

    private const string SplitProgram = """
        resources:
          first:
            type: test:index:Thing
            properties:
              value: a-b
        variables:
          parts:
            fn::split: ["-", "${first.value}"]
        outputs:
          second: ${parts[1]}
          out: ${parts[INDEX]}
        """;

    [Fact]
    public async Task Up_IndexIntoAListInsideAnOutput_ReadsTheElement()
    {
        var result = await _stack.UpAsync(SplitProgram.Replace("INDEX", "0", StringComparison.Ordinal));

        result.Outputs["second"].Value.ShouldBe("b");
        result.Outputs["out"].Value.ShouldBe("a");
    }

    [Fact]
    public async Task Up_IndexOutOfBoundsInsideAnOutput_FailsWithPulumiYamlsWordsAndPosition()
    {
        var error = await Should.ThrowAsync<Automation.UpdateFailedException>(() => _stack.UpAsync(SplitProgram.Replace("INDEX", "7", StringComparison.Ordinal)));

        error.Message.ShouldContain("Pulumi.yaml:11:8: error: list index 7 out-of-bounds for list of length 2");
    }

    [Fact]
    public async Task Up_PropertyNameOnAListInsideAnOutput_FailsWithPulumiYamlsWords()
    {
        var error = await Should.ThrowAsync<Automation.UpdateFailedException>(() => _stack.UpAsync(SplitProgram.Replace("[INDEX]", ".first", StringComparison.Ordinal)));

        error.Message.ShouldContain("Pulumi.yaml:11:8: error: cannot access a list element using a property name");
    }

    [Fact]
    public async Task Get_ReadsAnExistingResourceByItsId_OthersUseItsOutputs_AndDestroyLeavesIt()
    {
        File.WriteAllText(Path.Combine(_stack.Provider.CloudDirectory, "shared-thing"), "from outside");
        var yaml = """
            variables:
              sharedId: shared-thing
            resources:
              shared:
                type: test:index:Thing
                get:
                  id: ${sharedId}
              user:
                type: test:index:Thing
                properties:
                  value: ${shared.value}
            outputs:
              sharedArn: ${shared.arn}
            """;

        var preview = await _stack.PreviewAsync(yaml);
        preview.ChangeSummary[EcrAutomation.OperationType.Read].ShouldBe(1);
        var result = await _stack.UpAsync(yaml);

        result.Outputs["sharedArn"].Value.ShouldBe("arn:test:shared-thing");
        _stack.InputsOf("user")["value"].ShouldBe("from outside");
        _stack.Provider.Creates.ShouldBe(1, "only the user is created; the shared thing is read");
        var destroy = await (await _stack.StackAsync(yaml)).DestroyAsync();
        destroy.Summary.Result.ShouldBe(UpdateState.Succeeded);
        _stack.Provider.Existing().ShouldBe(["shared-thing"]);
    }

    [Fact]
    public async Task Get_WithAnIdFromAResourceToBeCreated_PreviewsUnknownOutputs_AndUpReadsIt()
    {
        var yaml = """
            resources:
              made:
                type: test:index:Thing
                properties:
                  value: v1
              again:
                type: test:index:Thing
                get:
                  id: ${made.name}
            outputs:
              againValue: ${again.value}
            """;

        var preview = await _stack.PreviewAsync(yaml);
        preview.ChangeSummary[EcrAutomation.OperationType.Read].ShouldBe(1);
        var result = await _stack.UpAsync(yaml);

        result.Outputs["againValue"].Value.ShouldBe("v1");
    }
}
