using EcrAutomation.Automation;
using EcrAutomation.Events;
using EcrAutomation.Testing;

namespace EcrAutomation.Automation.Tests;

public sealed class ImportValidationTests : IDisposable
{
    private readonly WorkspaceFixture _f = new();

    public void Dispose() => _f.Dispose();

    private const string A = "urn:pulumi:dev::proj::test:index:Thing::a";
    private const string Provider = "urn:pulumi:dev::proj::pulumi:providers:test::default";

    private static string Export(string resources) =>
        $$$"""{"version":3,"deployment":{"manifest":{"time":"2026-01-01T00:00:00Z","magic":"","version":""},"resources":{{{resources}}}}}""";

    public static TheoryData<string, string, string> InvalidExports => new()
    {
        { "resources is a string", Export("\"everything\""), "must be an array" },
        { "deployment is an array", """{"version":3,"deployment":[]}""", "must be an object" },
        { "no version", """{"deployment":{}}""", "version" },
        { "malformed URN", Export("""[{"urn":"not-a-urn","type":"test:index:Thing","custom":true,"id":"a"}]"""), "not a valid URN" },
        { "type differs from URN", Export($$$"""[{"urn":"{{{A}}}","type":"test:index:Other","custom":true,"id":"a"}]"""), "its URN says" },
        { "missing dependency", Export($$$"""[{"urn":"{{{A}}}","type":"test:index:Thing","custom":true,"id":"a","dependencies":["urn:pulumi:dev::proj::test:index:Thing::gone"]}]"""), "dependency" },
        { "missing property dependency", Export($$$"""[{"urn":"{{{A}}}","type":"test:index:Thing","custom":true,"id":"a","propertyDependencies":{"value":["urn:pulumi:dev::proj::test:index:Thing::gone"]}}]"""), "dependency" },
        { "missing parent", Export($$$"""[{"urn":"{{{A}}}","type":"test:index:Thing","custom":true,"id":"a","parent":"urn:pulumi:dev::proj::test:index:Group::g"}]"""), "parent" },
        { "unknown provider", Export($$$"""[{"urn":"{{{A}}}","type":"test:index:Thing","custom":true,"id":"a","provider":"{{{Provider}}}::1234"}]"""), "provider" },
        { "provider with another id", Export($$$"""[{"urn":"{{{Provider}}}","type":"pulumi:providers:test","custom":true,"id":"5678"},{"urn":"{{{A}}}","type":"test:index:Thing","custom":true,"id":"a","provider":"{{{Provider}}}::1234"}]"""), "provider" },
        { "duplicate URN", Export($$$"""[{"urn":"{{{A}}}","type":"test:index:Thing","custom":true,"id":"a"},{"urn":"{{{A}}}","type":"test:index:Thing","custom":true,"id":"b"}]"""), "duplicate" },
        { "outputs is a number", Export($$$"""[{"urn":"{{{A}}}","type":"test:index:Thing","custom":true,"id":"a","outputs":1}]"""), "outputs" },
        { "component with an id", Export("""[{"urn":"urn:pulumi:dev::proj::test:index:Group::g","type":"test:index:Group","custom":false,"id":"x"}]"""), "has an id" },
    };

    [Theory]
    [MemberData(nameof(InvalidExports))]
    public async Task Import_InvalidDeployment_IsRefusedBeforeAnythingIsWritten(string what, string json, string expected)
    {
        var stack = await _f.StackAsync(PulumiFn.Create(() => { new Thing("a"); }));
        await stack.UpAsync();
        var before = Directory.GetFiles(Path.GetDirectoryName(_f.StackFile())!).ToDictionary(f => f, FileHash.Of);

        var error = await Should.ThrowAsync<InvalidInputException>(() => stack.ImportStackAsync(StackDeployment.FromJsonString(json)), what);
        error.Message.ShouldContain("the deployment to import is invalid", Case.Sensitive, what);
        error.Message.ShouldContain(expected, Case.Insensitive, what);
        Directory.GetFiles(Path.GetDirectoryName(_f.StackFile())!).ToDictionary(f => f, FileHash.Of).ShouldBe(before, what);
    }
}
