using EcrAutomation.State;

namespace EcrAutomation.Yaml.Tests;

/// <summary>
/// <c>fn::invoke</c> in its long and short forms against a real lookup of the test cloud (<c>test:index:getThing</c>):
/// <c>return</c>, <c>dependsOn</c>, unknown arguments in preview, secret results, and unknown functions.
/// </summary>
public sealed class BuiltinInvokeTests : IDisposable
{
    private readonly BuiltinTestStack _stack = new();

    public void Dispose() => _stack.Dispose();

    [Fact]
    public async Task LongForm_WithReturn_AndDependsOn_ReadsTheThingAfterItIsCreated()
    {
        var result = await _stack.UpAsync("""
            resources:
              first:
                type: test:index:Thing
                properties:
                  name: fixed
                  value: hello
            variables:
              found:
                fn::invoke:
                  function: test:index:getThing
                  arguments:
                    name: fixed
                  options:
                    dependsOn: [ "${first}" ]
                  return: value
            outputs:
              found: ${found}
            """);

        result.Outputs["found"].Value.ShouldBe("hello");
        _stack.Invocations.ShouldBe(1);
    }

    [Fact]
    public async Task ShortForm_AnswersTheWholeResult_WhosePropertiesCanBeAccessed()
    {
        await File.WriteAllTextAsync(Path.Combine(_stack.Cloud.CloudDirectory, "existing"), "from-the-cloud");

        var result = await _stack.UpAsync("""
            variables:
              thing:
                fn::test:index:getThing:
                  name: existing
            outputs:
              value: ${thing.value}
              arn: ${thing["arn"]}
            """);

        result.Outputs["value"].Value.ShouldBe("from-the-cloud");
        result.Outputs["arn"].Value.ShouldBe("arn:test:existing");
    }

    [Fact]
    public async Task Preview_InvokeWithAKnownArgument_Runs_AndWithAnUnknownArgument_IsUnknownAndDoesNotRun()
    {
        await File.WriteAllTextAsync(Path.Combine(_stack.Cloud.CloudDirectory, "existing"), "v");

        await _stack.PreviewAsync("""
            resources:
              first:
                type: test:index:Thing
                properties:
                  value: v1
              known:
                type: test:index:Thing
                properties:
                  value:
                    fn::invoke:
                      function: test:index:getThing
                      arguments: { name: existing }
                      return: value
              unknown:
                type: test:index:Thing
                properties:
                  value:
                    fn::invoke:
                      function: test:index:getThing
                      arguments: { name: "${first.arn}" }
                      return: value
            """);

        _stack.InputsOf("known")["value"].ShouldBe("v");
        _stack.InputsOf("unknown")["value"].ShouldBe(PropertyJson.UnknownSentinel);
        _stack.Invocations.ShouldBe(1, "the invoke with an unknown argument must not run in preview");
    }

    [Fact]
    public async Task SecretResultProperty_MakesTheResultSecret()
    {
        var result = await _stack.UpAsync("""
            variables:
              token:
                fn::invoke:
                  function: test:getSecretToken
                  return: token
              user:
                fn::invoke:
                  function: test:index:getSecretToken
                  return: user
            outputs:
              token: ${token}
              user: ${user}
            """);

        result.Outputs["token"].ShouldBe(new Automation.OutputValue("s3cr3t", IsSecret: true));
        result.Outputs["user"].ShouldBe(new Automation.OutputValue("AWS", IsSecret: false));
    }

    [Fact]
    public async Task SecretArgument_MakesTheResultSecret()
    {
        await File.WriteAllTextAsync(Path.Combine(_stack.Cloud.CloudDirectory, "existing"), "v");

        var result = await _stack.UpAsync("""
            outputs:
              value:
                fn::invoke:
                  function: test:index:getThing
                  arguments:
                    name:
                      fn::secret: existing
                  return: value
            """);

        result.Outputs["value"].ShouldBe(new Automation.OutputValue("v", IsSecret: true));
    }

    [Fact]
    public async Task UnknownFunction_IsRejectedBeforeAnyResourceIsTouched_WithDidYouMean()
    {
        var errors = await _stack.ErrorsAsync("""
            resources:
              first:
                type: test:index:Thing
            outputs:
              value:
                fn::invoke:
                  function: test:index:getThnig
                  arguments: { name: x }
            """);

        var error = errors.ShouldHaveSingleItem();
        error.ShouldContain("Pulumi.yaml:7:17: error: unable to find function \"test:index:getThnig\"");
        error.ShouldContain("Did you mean 'test:index:getThing'?");
    }

    [Fact]
    public async Task UnknownReturnProperty_IsRejectedWithTheExistingOnes()
    {
        var errors = await _stack.ErrorsAsync("""
            outputs:
              value:
                fn::invoke:
                  function: test:index:getThing
                  arguments: { name: x }
                  return: valu
            """);

        var error = errors.ShouldHaveSingleItem();
        error.ShouldContain("Pulumi.yaml:6:15: error: fn::invoke of test:index/getThing:getThing has no property 'valu' to return");
        error.ShouldContain("Did you mean 'value'?");
        error.ShouldContain("Existing fields are: arn, name, value");
    }

    [Fact]
    public async Task MalformedInvoke_ReportsEveryProblemWithPositions()
    {
        var errors = await _stack.ErrorsAsync("""
            outputs:
              a:
                fn::invoke:
                  arguments: [x]
                  return: [y]
              b:
                fn::invoke: test:index:getThing
              c:
                fn::invoke:
                  function: test:index:getThing
                  options:
                    provider: ${x}
                    pluginDownloadURL: https://example.com
            """);

        errors.ShouldContain(e => e.Contains("Pulumi.yaml:4:7: error: missing function name ('function')"), string.Join("\n", errors));
        errors.ShouldContain(e => e.Contains("Pulumi.yaml:4:18: error: function arguments ('arguments') must be an object"));
        errors.ShouldContain(e => e.Contains("Pulumi.yaml:5:15: error: return directive must be a string literal"));
        errors.ShouldContain(e => e.Contains("Pulumi.yaml:7:17: error: the argument to fn::invoke must be an object containing 'function', 'arguments', 'options', and 'return'"));
        errors.ShouldContain(e => e.Contains("Pulumi.yaml:12:9: error: fn::invoke's provider option is not supported by ecr-automation"), string.Join("\n", errors));
        errors.ShouldContain(e => e.Contains("Pulumi.yaml:13:9: error: option pluginDownloadURL is not supported by ecr-automation"));
    }

    [Fact]
    public async Task FailingFunction_FailsTheUpWithItsMessage()
    {
        var errors = await _stack.ErrorsAsync("""
            outputs:
              value:
                fn::invoke:
                  function: test:index:getThing
                  arguments: { name: nothing-here }
            """);

        errors.ShouldContain(e => e.Contains("Pulumi.yaml:3:5: error: fn::invoke of test:index/getThing:getThing failed: no thing named 'nothing-here'"));
    }
}
