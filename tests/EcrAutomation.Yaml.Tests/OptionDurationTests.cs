using EcrAutomation.Yaml.Options;

namespace EcrAutomation.Yaml.Tests;

/// <summary>customTimeouts durations in Go's format, as Pulumi writes them.</summary>
public sealed class OptionDurationTests
{
    [Theory]
    [InlineData("0", 0)]
    [InlineData("300ms", 300)]
    [InlineData("90s", 90_000)]
    [InlineData("5m", 300_000)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("1.5h", 5_400_000)]
    [InlineData("2m30.5s", 150_500)]
    public void Parse_ReadsGoDurations(string text, double milliseconds) =>
        GoDuration.Parse(text).ShouldBe(TimeSpan.FromMilliseconds(milliseconds));

    [Theory]
    [InlineData("")]
    [InlineData("5")]
    [InlineData("five minutes")]
    [InlineData("5 m")]
    [InlineData("5d")]
    [InlineData("-5m")]
    public void Parse_RejectsAnythingElse(string text) => GoDuration.Parse(text).ShouldBeNull();
}
