using EcrAutomation.Images.Building;

namespace EcrAutomation.Images.Tests.Building;

public sealed class DockerfileParsingTests
{
    [Fact]
    public void Parse_ContinuationsCommentsAndFlags_JoinsInstructions()
    {
        var dockerfile = Dockerfile.Parse("""
            # syntax=docker/dockerfile:1
            FROM --platform=linux/arm64 scratch AS base
            # a comment
            COPY --chown=1:2 --chmod=755 a \
                 # comment inside a continuation
                 b /dst/
            CMD ["run", "--fast"]
            ENTRYPOINT echo hi
            """);

        dockerfile.Instructions.Select(i => i.Keyword).ShouldBe(["FROM", "COPY", "CMD", "ENTRYPOINT"]);
        var from = dockerfile.Instructions[0];
        from.Flag("platform").ShouldBe("linux/arm64");
        from.Arguments.ShouldBe("scratch AS base");
        from.Line.ShouldBe(2);
        var copy = dockerfile.Instructions[1];
        copy.Flag("chown").ShouldBe("1:2");
        copy.Flag("chmod").ShouldBe("755");
        copy.Arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries).ShouldBe(["a", "b", "/dst/"]);
        copy.Line.ShouldBe(4);
        dockerfile.Instructions[2].JsonArguments.ShouldBe(["run", "--fast"]);
        dockerfile.Instructions[3].JsonArguments.ShouldBeNull();
    }

    [Fact]
    public void Parse_EscapeDirective_UsesBacktickForContinuations()
    {
        var dockerfile = Dockerfile.Parse("# escape=`\nFROM scratch\nCOPY a `\n  C:\\dst\\\n");

        dockerfile.EscapeChar.ShouldBe('`');
        dockerfile.Instructions[1].Arguments.ShouldBe("a   C:\\dst\\");
    }

    [Fact]
    public void Parse_BadEscapeDirective_Throws()
    {
        Should.Throw<DockerfileException>(() => Dockerfile.Parse("# escape=x\nFROM scratch")).Line.ShouldBe(1);
    }

    [Theory]
    [InlineData("$A", "1")]
    [InlineData("${A}x", "1x")]
    [InlineData("${MISSING:-fallback}", "fallback")]
    [InlineData("${EMPTY:-fallback}", "fallback")]
    [InlineData("${EMPTY-fallback}", "")]
    [InlineData("${A:+set}", "set")]
    [InlineData("${MISSING:+set}", "")]
    [InlineData("'$A'", "$A")]
    [InlineData("\"$A b\"", "1 b")]
    [InlineData("\\$A", "$A")]
    [InlineData("${MISSING:-${A}}", "1")]
    public void ExpandWord_Substitutions_FollowDockerRules(string word, string expected)
    {
        var variables = new Dictionary<string, string> { ["A"] = "1", ["EMPTY"] = string.Empty };

        ShellWords.ExpandWord(word, variables.GetValueOrDefault, '\\').ShouldBe(expected);
    }

    [Fact]
    public void ExpandWords_QuotedSpaces_StayInOneWord()
    {
        ShellWords.ExpandWords("a \"b c\" 'd e' f\\ g", _ => null, '\\').ShouldBe(["a", "b c", "d e", "f g"]);
    }

    [Theory]
    [InlineData("*.log", "app.log", true)]
    [InlineData("*.log", "sub/app.log", false)]
    [InlineData("**/*.log", "sub/deep/app.log", true)]
    [InlineData("**/*.log", "app.log", true)]
    [InlineData("node_modules", "node_modules/x/y.js", true)]
    [InlineData("/secret.txt", "secret.txt", true)]
    [InlineData("docs/**", "docs/a/b.md", true)]
    [InlineData("docs/**", "docsx/a.md", false)]
    [InlineData("a?c", "abc", true)]
    [InlineData("[a-c].txt", "b.txt", true)]
    [InlineData("[a-c].txt", "d.txt", false)]
    public void DockerIgnore_Patterns_MatchLikeDocker(string pattern, string path, bool excluded)
    {
        new DockerIgnore([pattern]).IsExcluded(path).ShouldBe(excluded);
    }

    [Fact]
    public void DockerIgnore_ExceptionAfterExclusion_ReincludesLastMatchWins()
    {
        var ignore = new DockerIgnore(["# comment", "", "*.md", "!README.md", "docs", "!docs/keep.txt"]);

        ignore.IsExcluded("CHANGES.md").ShouldBeTrue();
        ignore.IsExcluded("README.md").ShouldBeFalse();
        ignore.IsExcluded("docs/other.txt").ShouldBeTrue();
        ignore.IsExcluded("docs/keep.txt").ShouldBeFalse();
        ignore.HasExceptions.ShouldBeTrue();
    }

    [Fact]
    public void CheckSupport_RunInNeededStage_NamesTheLine()
    {
        var dockerfile = Dockerfile.Parse("FROM scratch AS a\nCOPY x /x\n\nFROM scratch\nRUN echo hi\n");

        var result = DaemonlessImageBuilder.CheckSupport(dockerfile);

        result.ShouldNotBeNull();
        result.Line.ShouldBe(5);
        result.Instruction.ShouldBe("RUN");
        result.Message.ShouldContain("line 5");
        result.Message.ShouldContain("needs a Docker engine");
        result.Message.ShouldContain("RUN echo hi");
    }

    [Fact]
    public void CheckSupport_RunOnlyInUnneededStage_IsSupported()
    {
        var dockerfile = Dockerfile.Parse("FROM scratch AS tools\nRUN make\n\nFROM scratch AS app\nCOPY x /x\n");

        DaemonlessImageBuilder.CheckSupport(dockerfile, "app").ShouldBeNull();
        DaemonlessImageBuilder.CheckSupport(dockerfile, "tools").ShouldNotBeNull();
    }

    [Fact]
    public void CheckSupport_AddUrlAndHealthcheck_NeedEngine()
    {
        DaemonlessImageBuilder.CheckSupport(Dockerfile.Parse("FROM scratch\nADD https://example.invalid/x /x\n"))!.Message.ShouldContain("URL");
        DaemonlessImageBuilder.CheckSupport(Dockerfile.Parse("FROM scratch\nHEALTHCHECK CMD true\n"))!.Instruction.ShouldBe("HEALTHCHECK");
    }

    [Fact]
    public void CheckSupport_UnknownInstruction_ThrowsWithLine()
    {
        var error = Should.Throw<DockerfileException>(() => DaemonlessImageBuilder.CheckSupport(Dockerfile.Parse("FROM scratch\nFOO bar\n")));

        error.Line.ShouldBe(2);
        error.Message.ShouldContain("unknown instruction: FOO");
    }
}
