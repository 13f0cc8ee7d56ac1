namespace EcrAutomation.Yaml.Tests;

public sealed class YamlProgramLoadTests : IDisposable
{
    private readonly string _project = Directory.CreateTempSubdirectory("ecra-yaml-load-").FullName;

    public void Dispose() => Directory.Delete(_project, recursive: true);

    private void Write(string relativePath, string text)
    {
        var path = Path.Combine(_project, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    [Fact]
    public void Load_ProgramInlineInPulumiYaml_IsTheProgram()
    {
        Write("Pulumi.yaml", "name: inline\nruntime: yaml\nresources:\n  r:\n    type: test:index:Thing\n");

        var program = YamlProgram.Load(_project);

        program.Name.ShouldBe("inline");
        program.Template.Resources.Single().Key.Span.File.ShouldBe("Pulumi.yaml");
    }

    [Fact]
    public void Load_MainYamlNextToPulumiYaml_IsTheProgramNamedByTheProject()
    {
        Write("Pulumi.yaml", "name: proj\nruntime: yaml\n");
        Write("Main.yaml", "resources:\n  r:\n    type: test:index:Thing\n");

        var program = YamlProgram.Load(_project);

        program.Name.ShouldBe("proj");
        program.Template.Resources.Single().Key.Span.ShouldBe(new Syntax.SourceSpan("Main.yaml", 2, 3));
    }

    [Fact]
    public void Load_MainFolder_ReadsMainYamlThere()
    {
        Write("Pulumi.yaml", "name: proj\nruntime: yaml\nmain: infra/\n");
        Write("infra/Main.yaml", "outputs:\n  x: 1\n");

        var program = YamlProgram.Load(_project);

        program.Template.Outputs.Single().Key.Span.File.ShouldBe(Path.Combine("infra", "Main.yaml"));
    }

    [Fact]
    public void Load_NoProjectFile_SaysWhatIsMissing()
    {
        var error = Should.Throw<FileNotFoundException>(() => YamlProgram.Load(_project));

        error.Message.ShouldContain("no Pulumi.yaml in " + _project);
    }

    [Fact]
    public void Parse_InvalidProgram_ThrowsEveryErrorWithPositions()
    {
        var error = Should.Throw<YamlProgramException>(() => YamlProgram.Parse("resources:\n  a:\n    typo: x\n  b:\n    type: t:m:T\n    properties:\n      v: ${oops\n"));

        error.Errors.Select(e => e.ToString()).ShouldBe([
            "Pulumi.yaml:3:5: error: Resource a has invalid key 'typo'; Did you mean 'type'?",
            "Pulumi.yaml:3:5: error: Resource a is missing its 'type'",
            "Pulumi.yaml:7:10: error: unterminated interpolation in \"${oops\"; close it with '}', or write '$$' for a literal '$'",
        ]);
        error.Message.ShouldBe(string.Join("\n", error.Errors.Select(e => e.ToString())));
    }
}
