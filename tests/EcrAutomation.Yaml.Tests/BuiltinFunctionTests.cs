using System.Security.Cryptography;
using System.Text;
using EcrAutomation.State;

namespace EcrAutomation.Yaml.Tests;

/// <summary>Each built-in function (fn::join, fn::select, fn::toJSON, ...): its result, unknowns in preview, secrets, and its errors.</summary>
public sealed class BuiltinFunctionTests : IDisposable
{
    private readonly BuiltinTestStack _stack = new();

    public void Dispose() => _stack.Dispose();

    private async Task<IReadOnlyDictionary<string, Automation.OutputValue>> OutputsAsync(string yaml) => (await _stack.UpAsync(yaml)).Outputs;

    [Fact]
    public async Task Join_JoinsLiteralsAndResourceOutputs()
    {
        var outputs = await OutputsAsync("""
            resources:
              first:
                type: test:index:Thing
                properties:
                  value: v1
            outputs:
              literal:
                fn::join: [",", [a, b, c]]
              withOutput:
                fn::join: ["-", ["x", "${first.value}", "y"]]
            """);

        outputs["literal"].Value.ShouldBe("a,b,c");
        outputs["withOutput"].Value.ShouldBe("x-v1-y");
    }

    [Fact]
    public async Task Join_OfAnUnknownValue_IsUnknownInPreview()
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
                  value:
                    fn::join: ["-", ["x", "${first.arn}"]]
            """);

        _stack.InputsOf("second")["value"].ShouldBe(PropertyJson.UnknownSentinel);
    }

    [Fact]
    public async Task Join_OfASecret_IsSecret_AndUnsecretClearsIt()
    {
        var outputs = await OutputsAsync("""
            variables:
              password:
                fn::secret: hunter2
            outputs:
              joined:
                fn::join: [":", [user, "${password}"]]
              revealed:
                fn::unsecret:
                  fn::join: [":", [user, "${password}"]]
              plain:
                fn::join: [":", [user, name]]
            """);

        outputs["joined"].ShouldBe(new Automation.OutputValue("user:hunter2", IsSecret: true));
        outputs["revealed"].ShouldBe(new Automation.OutputValue("user:hunter2", IsSecret: false));
        outputs["plain"].IsSecret.ShouldBeFalse();
    }

    [Fact]
    public async Task Secret_MarksTheResourceInputSecretInState()
    {
        await _stack.UpAsync("""
            resources:
              first:
                type: test:index:Thing
                properties:
                  value:
                    fn::secret: hunter2
            """);

        var export = await _stack.ExportAsync();
        export.ShouldNotContain("hunter2");
        export.ShouldContain("1b47061264138c4ac30d75fd1eb44270"); // Pulumi's secret signature
    }

    [Fact]
    public async Task Split_And_Select_PickAPart()
    {
        var outputs = await OutputsAsync("""
            variables:
              parts:
                fn::split: ["/", "registry/team/app"]
            outputs:
              parts: ${parts}
              second:
                fn::select: [1, "${parts}"]
            """);

        outputs["parts"].Value.ShouldBe(new List<object?> { "registry", "team", "app" });
        outputs["second"].Value.ShouldBe("team");
    }

    [Fact]
    public async Task Select_OutOfRange_FailsWithPulumiYamlsWordsAndPosition()
    {
        var errors = await _stack.ErrorsAsync("""
            outputs:
              third:
                fn::select: [3, [a, b]]
            """);

        errors.ShouldContain(e => e.Contains("Pulumi.yaml:3:18: error: list index 3 out-of-bounds for list of length 2"));
    }

    [Fact]
    public async Task ToJSON_WritesCompactJsonWithSortedKeysAndWholeNumbers()
    {
        var outputs = await OutputsAsync("""
            resources:
              first:
                type: test:index:Thing
                properties:
                  value: v1
            outputs:
              policy:
                fn::toJSON:
                  Version: "2012-10-17"
                  Count: 3
                  Ratio: 0.5
                  Statement:
                    - Effect: Allow
                      Resource: ${first.arn}
                      Enabled: true
                      Nothing: null
            """);

        outputs["policy"].Value.ShouldBe($$"""{"Count":3,"Ratio":0.5,"Statement":[{"Effect":"Allow","Enabled":true,"Nothing":null,"Resource":"arn:test:{{_stack.Cloud.Existing().Single()}}"}],"Version":"2012-10-17"}""");
    }

    [Fact]
    public async Task ToBase64_And_FromBase64_RoundTrip()
    {
        var outputs = await OutputsAsync("""
            outputs:
              encoded:
                fn::toBase64: héllo
              decoded:
                fn::fromBase64: aMOpbGxv
            """);

        outputs["encoded"].Value.ShouldBe("aMOpbGxv");
        outputs["decoded"].Value.ShouldBe("héllo");
    }

    [Fact]
    public async Task FromBase64_OfInvalidText_FailsNamingIt()
    {
        var errors = await _stack.ErrorsAsync("""
            outputs:
              decoded:
                fn::fromBase64: "not base64!"
            """);

        errors.ShouldContain(e => e.Contains("Pulumi.yaml:3:21: error: fn::fromBase64 unable to decode not base64!"));
    }

    [Fact]
    public async Task ReadFile_ReadsRelativeToTheProjectFolder()
    {
        Directory.CreateDirectory(Path.Combine(_stack.ProjectDirectory, "files"));
        await File.WriteAllTextAsync(Path.Combine(_stack.ProjectDirectory, "files", "policy.json"), "{\"rules\":[]}");

        var outputs = await OutputsAsync("""
            outputs:
              policy:
                fn::readFile: files/policy.json
            """);

        outputs["policy"].Value.ShouldBe("{\"rules\":[]}");
    }

    [Fact]
    public async Task ReadFile_OfAMissingFile_FailsNamingThePathAndTheFolder()
    {
        var errors = await _stack.ErrorsAsync("""
            outputs:
              policy:
                fn::readFile: missing.json
            """);

        var error = errors.ShouldHaveSingleItem();
        error.ShouldContain("Pulumi.yaml:3:19: error: Error reading file at path missing.json");
        error.ShouldContain(_stack.ProjectDirectory);
    }

    [Fact]
    public async Task FileBase64_FileBase64Sha256_Sha1_And_Length()
    {
        var bytes = new byte[] { 0, 1, 2, 250, 255 };
        await File.WriteAllBytesAsync(Path.Combine(_stack.ProjectDirectory, "blob.bin"), bytes);

        var outputs = await OutputsAsync("""
            outputs:
              base64:
                fn::filebase64: blob.bin
              sha256:
                fn::filebase64sha256: blob.bin
              sha1:
                fn::sha1: hello
              listLength:
                fn::length: [a, b, c]
              textLength:
                fn::length: héllo
              mapLength:
                fn::length: {a: 1, b: 2}
            """);

        outputs["base64"].Value.ShouldBe(Convert.ToBase64String(bytes));
        outputs["sha256"].Value.ShouldBe(Convert.ToBase64String(SHA256.HashData(bytes)));
        outputs["sha1"].Value.ShouldBe("aaf4c61ddcc5e8a2dabede0f3b482cd9aea9434d");
        outputs["listLength"].Value.ShouldBe(3.0);
        outputs["textLength"].Value.ShouldBe(5.0);
        outputs["mapLength"].Value.ShouldBe(2.0);
    }

    [Fact]
    public async Task Length_OfANumber_FailsWithPulumiYamlsWords()
    {
        var errors = await _stack.ErrorsAsync("""
            outputs:
              n:
                fn::length: 42
            """);

        errors.ShouldContain(e => e.Contains("Pulumi.yaml:3:17: error: fn::length requires a list, map, or string, got a number"));
    }

    [Fact]
    public async Task Assets_AndArchives_ReachStateAsAssetsIdentifiedByTheirContentHash()
    {
        Directory.CreateDirectory(Path.Combine(_stack.ProjectDirectory, "site"));
        await File.WriteAllTextAsync(Path.Combine(_stack.ProjectDirectory, "site", "index.html"), "<h1>hi</h1>");

        var outputs = await OutputsAsync("""
            outputs:
              text:
                fn::stringAsset: hello
              file:
                fn::fileAsset: site/index.html
              folder:
                fn::fileArchive: site
              bundle:
                fn::assetArchive:
                  index.html:
                    fn::stringAsset: <h1>hi</h1>
                  static:
                    fn::fileArchive: site
            """);

        outputs["text"].Value.ShouldBe(Sha256("hello"));
        outputs["file"].Value.ShouldBe(Sha256("<h1>hi</h1>"));
        outputs["folder"].Value.ShouldBeOfType<string>().Length.ShouldBe(64);
        outputs["bundle"].Value.ShouldBeOfType<string>().ShouldNotBe(outputs["folder"].Value);
        var export = await _stack.ExportAsync();
        export.ShouldContain("c44067f5952c0a294b673a41bacd8c17"); // Pulumi's asset signature
        export.ShouldContain("0def7320c3a5731c473e5ecbe6d01bc7"); // Pulumi's archive signature
        export.ShouldContain(Path.Combine(_stack.ProjectDirectory, "site", "index.html").Replace("\\", "\\\\"));
    }

    [Fact]
    public async Task AssetArchive_WithAMemberThatIsNotAnAsset_IsRejectedBeforeAnythingRuns()
    {
        var errors = await _stack.ErrorsAsync("""
            outputs:
              bundle:
                fn::assetArchive:
                  index.html: just text
            """);

        errors.ShouldContain(e => e.Contains("Pulumi.yaml:4:19: error: value must be an asset or an archive, not a string"));
    }

    [Fact]
    public async Task Join_WithThreeArguments_IsRejectedBeforeAnyResourceIsTouched()
    {
        var errors = await _stack.ErrorsAsync("""
            resources:
              first:
                type: test:index:Thing
            outputs:
              joined:
                fn::join: [",", [a], extra]
            """);

        errors.ShouldContain(e => e.Contains("Pulumi.yaml:6:15: error: the argument to fn::join must be a two-valued list"));
    }

    [Fact]
    public async Task UnknownBuiltin_IsRejectedWithDidYouMean()
    {
        var errors = await _stack.ErrorsAsync("""
            outputs:
              joined:
                fn::jion: [",", [a]]
            """);

        var error = errors.ShouldHaveSingleItem();
        error.ShouldContain("Pulumi.yaml:3:5: error: unknown built-in function 'fn::jion'");
        error.ShouldContain("Did you mean 'fn::join'?");
    }

    [Fact]
    public async Task UnsupportedBuiltin_IsAnErrorSayingWhatToUseInstead()
    {
        var errors = await _stack.ErrorsAsync("""
            outputs:
              remote:
                fn::remoteAsset: https://example.com/x
            """);

        errors.ShouldHaveSingleItem().ShouldContain("fn::remoteAsset is not supported by ecr-automation: content is not fetched from the network; download it and use fn::fileAsset");
    }

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
