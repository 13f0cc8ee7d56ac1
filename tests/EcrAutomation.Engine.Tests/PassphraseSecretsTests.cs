using EcrAutomation.Secrets;

namespace EcrAutomation.Engine.Tests;

/// <summary>Compatibility with Pulumi's passphrase secrets manager, checked against salts Pulumi itself produced.</summary>
public sealed class PassphraseSecretsTests
{
    // From Pulumi's passphrase manager tests: made by Pulumi with the passphrase "password", and with the empty passphrase.
    private const string PulumiSalt = "v1:fozI5u6B030=:v1:F+6ZduKKd8G0/V7L:PGMFeIzwobWRKmEAzUdaQHqC5mMRIQ==";
    private const string PulumiEmptyPassphraseSalt = "v1:LVuDkcjhUns=:v1:WPbL+tmbxnqWswQ2:lebZxStyHT3IZkmbN+3xCx9zqtoPog==";

    [Fact]
    public void Open_PulumiSaltWithItsPassphrase_Works_AndRoundTrips()
    {
        var manager = PassphraseSecretsManager.Open("password", PulumiSalt);
        var cipher = manager.Encrypt("\"s3cret\"");
        cipher.ShouldStartWith("v1:");
        manager.Decrypt(cipher).ShouldBe("\"s3cret\"");
    }

    [Fact]
    public void Open_PulumiEmptyPassphraseSalt_WithEmptyPassphrase_Works() =>
        PassphraseSecretsManager.Open("", PulumiEmptyPassphraseSalt).ShouldNotBeNull();

    [Fact]
    public void Open_WrongPassphrase_IsAClearErrorNotGarbage()
    {
        var error = Should.Throw<IncorrectPassphraseException>(() => PassphraseSecretsManager.Open("password123", PulumiSalt));
        error.Message.ShouldContain("incorrect passphrase");
    }

    [Fact]
    public void Open_MalformedSalt_NamesTheProblem() =>
        Should.Throw<SecretsException>(() => PassphraseSecretsManager.Open("password", "fozI5u6B030=:v1:F+6ZduL:PGMF")).Message.ShouldContain("malformed");

    [Fact]
    public void PassphraseSource_FileIsReadAndTrimmed_EnvironmentWins()
    {
        var file = Path.GetTempFileName();
        try
        {
            File.WriteAllText(file, "from-file\n");
            PassphraseSource.Read(new Dictionary<string, string?> { ["PULUMI_CONFIG_PASSPHRASE"] = null, ["PULUMI_CONFIG_PASSPHRASE_FILE"] = file }).ShouldBe("from-file");
            PassphraseSource.Read(new Dictionary<string, string?> { ["PULUMI_CONFIG_PASSPHRASE"] = "env", ["PULUMI_CONFIG_PASSPHRASE_FILE"] = file }).ShouldBe("env");
        }
        finally { File.Delete(file); }
    }
}
