namespace EcrAutomation.Cli.Tests;

public enum BadInputCategory { CliOptions, StackNames, ProjectYaml, StackConfigYaml, Config, Checkpoints, Imports, LifecyclePolicies, RepositoryNames, Dockerfiles, Urns }

/// <summary>
/// One bad input: the command line (<c>{root}</c> is the case's temporary folder), the files written first (paths under
/// <c>{root}</c>: <c>project/...</c> is the project, <c>home/...</c> the state root; null deletes), and the fragments the
/// output must contain. <see cref="ExitCode"/> null means any non-zero code.
/// </summary>
public sealed record BadInputCase(BadInputCategory Category, string Name, string[] Args, params string[] Messages)
{
    public string StackConfig { get; init; } = "config:\n  ecr-automation:program: sample\n";
    public Dictionary<string, string?> Files { get; init; } = [];
    public string[] Unset { get; init; } = [];
    public bool Demo { get; init; }
    public int? ExitCode { get; init; } = 2;

    /// <summary>Unique across the corpus: category and name.</summary>
    public string Id => $"{Category}/{Name}";
}

/// <summary>The corpus. Each case is deliberately small; see <see cref="BadInputCorpusTests"/> for what every case must do.</summary>
public static class BadInputCases
{
    private const string Policy = "{root}/policy.json";
    private const string Images = "{root}/images.json";
    private const string GoodPolicy = """{"rules":[{"rulePriority":1,"selection":{"tagStatus":"untagged","countType":"imageCountMoreThan","countNumber":3},"action":{"type":"expire"}}]}""";
    private const string NoImages = """{"imageDetails":[]}""";
    private const string Checkpoint = "home/.pulumi/stacks/cli-test/dev.json";
    private const string Stack = "urn:pulumi:dev::cli-test::pulumi:pulumi:Stack::cli-test-dev";
    private const string UnknownUrn = "urn:pulumi:dev::cli-test::random:index/randomId:RandomId::nope";
    private const string CloudConfig = "config:\n  ecr-automation:program: sample\n  aws:endpoint: {endpoint}\n";
    private const string ImageConfig = "config:\n  ecr-automation:program: image\n  aws:endpoint: {endpoint}\n";

    private static BadInputCase Cli(string name, string[] args, params string[] messages) => new(BadInputCategory.CliOptions, name, args, messages);

    private static BadInputCase StackName(string name, string[] args, params string[] messages) => new(BadInputCategory.StackNames, name, args, messages);

    private static BadInputCase Project(string name, string yaml, params string[] messages) =>
        new(BadInputCategory.ProjectYaml, name, ["preview", "--stack", "dev"], ["Pulumi.yaml", .. messages]) { Files = { ["project/Pulumi.yaml"] = yaml } };

    private static BadInputCase StackYaml(string name, string yaml, params string[] messages) =>
        new(BadInputCategory.StackConfigYaml, name, ["up", "--stack", "dev", "--yes"], ["Pulumi.dev.yaml", .. messages]) { StackConfig = yaml };

    private static BadInputCase Config(string name, string[] args, params string[] messages) => new(BadInputCategory.Config, name, args, messages);

    private static BadInputCase CorruptCheckpoint(string name, string json) =>
        new(BadInputCategory.Checkpoints, name, ["up", "--stack", "dev", "--yes"], "dev.json", "dev.json.bak") { Files = { [Checkpoint] = json }, ExitCode = null };

    private static BadInputCase Import(string name, string json, params string[] messages) =>
        new(BadInputCategory.Imports, name, ["stack", "import", "--stack", "dev", "--file", "{root}/import.json"], messages) { Files = { ["import.json"] = json }, ExitCode = null };

    private static BadInputCase Lifecycle(string name, string policy, params string[] messages) =>
        new(BadInputCategory.LifecyclePolicies, name, ["lifecycle", "preview", "--policy", Policy, "--images", Images], ["Lifecycle policy validation failure", .. messages])
        {
            Files = { ["policy.json"] = policy, ["images.json"] = NoImages },
        };

    private static string Rule(string selection, string action = """{"type":"expire"}""", int priority = 1) =>
        $$"""{"rulePriority":{{priority}},"selection":{{{selection}}},"action":{{action}}}""";

    private static BadInputCase Repository(string name, string repository, params string[] messages) =>
        new(BadInputCategory.RepositoryNames, name, ["lifecycle", "preview", "--policy", Policy, "--repository", repository, "--stack", "dev"], messages)
        {
            StackConfig = CloudConfig, Files = { ["policy.json"] = GoodPolicy }, ExitCode = null,
        };

    private static BadInputCase Dockerfile(string name, string? dockerfile, params string[] messages) =>
        new(BadInputCategory.Dockerfiles, name, ["preview", "--stack", "dev"], messages)
        {
            StackConfig = ImageConfig, Demo = true, Files = { ["project/app/Dockerfile"] = dockerfile }, ExitCode = null,
        };

    private static BadInputCase Urn(string name, string[] args, params string[] messages) => new(BadInputCategory.Urns, name, args, messages);

    public static IReadOnlyList<BadInputCase> All { get; } =
    [
        Cli("parallel-zero", ["up", "--stack", "dev", "--yes", "--parallel", "0"], "--parallel must be 1 or more (got 0)"),
        Cli("parallel-negative", ["preview", "--stack", "dev", "--parallel", "-5"], "--parallel must be 1 or more (got -5)"),
        Cli("parallel-not-a-number", ["up", "--stack", "dev", "--yes", "--parallel", "many"], "many", "--parallel"),
        Cli("unknown-option", ["up", "--stack", "dev", "--yes", "--bogus"], "Unrecognized command or argument '--bogus'"),
        Cli("unknown-command", ["deploy"], "Unrecognized command or argument 'deploy'"),
        Cli("missing-command", [], "Required command was not provided"),
        Cli("missing-stack-subcommand", ["stack"], "Required command was not provided"),
        Cli("missing-option-value", ["up", "--yes", "--stack"], "Required argument missing for option: '--stack'"),
        Cli("up-not-interactive-without-yes", ["up", "--stack", "dev"], "--yes must be passed to up"),
        Cli("destroy-not-interactive-without-yes", ["destroy", "--stack", "dev"], "--yes must be passed to destroy"),
        Cli("json-up-without-yes", ["up", "--stack", "dev", "--json"], "--yes must be passed to up"),
        Cli("unknown-program", ["up", "--stack", "dev", "--yes", "--program", "nope"], "unknown program 'nope'", "sample, repository, image, ecs, ecs-class"),
        Cli("program-name-is-case-sensitive", ["preview", "--stack", "dev", "--program", "ECS"], "unknown program 'ECS'"),
        Cli("cwd-without-project", ["stack", "ls", "--cwd", "{root}/nowhere"], "no Pulumi.yaml in"),
        Cli("worker-bad-schedule", ["worker", "--stack", "dev", "--schedule", "every minute"], "'every minute' is not a cron expression"),
        Cli("worker-without-schedule", ["worker", "--stack", "dev"], "--schedule"),
        Cli("stack-init-two-names", ["stack", "init", "a", "--stack", "b"], "two different stacks named: 'a' and --stack 'b'"),
        Cli("lifecycle-now-not-a-time", ["lifecycle", "preview", "--policy", Policy, "--images", Images, "--now", "yesterday"], "--now 'yesterday' is not an ISO-8601 time")
            with { Files = new() { ["policy.json"] = GoodPolicy, ["images.json"] = NoImages } },
        Cli("lifecycle-images-and-repository", ["lifecycle", "preview", "--policy", Policy, "--images", Images, "--repository", "app"], "give exactly one of --images FILE or --repository NAME")
            with { Files = new() { ["policy.json"] = GoodPolicy, ["images.json"] = NoImages } },
        Cli("lifecycle-no-images-source", ["lifecycle", "preview", "--policy", Policy], "give exactly one of --images FILE or --repository NAME") with { Files = new() { ["policy.json"] = GoodPolicy } },
        Cli("lifecycle-policy-file-missing", ["lifecycle", "preview", "--policy", "{root}/missing.json", "--images", Images], "missing.json' does not exist") with { Files = new() { ["images.json"] = NoImages } },
        Cli("lifecycle-images-not-describe-images", ["lifecycle", "preview", "--policy", Policy, "--images", Images], "imageDetails")
            with { Files = new() { ["policy.json"] = GoodPolicy, ["images.json"] = """{"images":[]}""" } },
        Cli("lifecycle-images-not-json", ["lifecycle", "preview", "--policy", Policy, "--images", Images], "cannot read the images")
            with { Files = new() { ["policy.json"] = GoodPolicy, ["images.json"] = "imageDetails:" } },
        Cli("up-unknown-stack", ["up", "--stack", "typo", "--yes"], "no stack named 'typo' found", "ecr-automation stack init typo"),
        Cli("preview-unknown-stack", ["preview", "--stack", "typo"], "no stack named 'typo' found"),
        Cli("destroy-unknown-stack", ["destroy", "--stack", "typo", "--yes"], "no stack named 'typo' found"),
        Cli("refresh-unknown-stack", ["refresh", "--stack", "typo", "--yes"], "no stack named 'typo' found"),
        Cli("outputs-unknown-stack", ["outputs", "--stack", "typo"], "no stack named 'typo' found"),
        Cli("history-unknown-stack", ["history", "--stack", "typo"], "no stack named 'typo' found"),
        Cli("cancel-unknown-stack", ["cancel", "--stack", "typo"], "no stack named 'typo' found"),
        Cli("export-unknown-stack", ["stack", "export", "--stack", "typo"], "no stack named 'typo' found"),
        Cli("config-set-unknown-stack", ["config", "set", "key", "value", "--stack", "typo"], "no stack named 'typo' found"),
        Cli("stack-init-existing", ["stack", "init", "dev"], "stack 'dev' already exists") with { ExitCode = null },
        Cli("stack-rm-with-resources", ["stack", "rm", "dev", "--yes"], "still has", "resources") with { ExitCode = null },
        Cli("import-file-missing", ["stack", "import", "--stack", "dev", "--file", "{root}/missing.json"], "missing.json") with { ExitCode = null },

        StackName("init-slash", ["stack", "init", "a/b"], "'a/b' is not a valid stack name"),
        StackName("init-backslash", ["stack", "init", "a\\b"], "is not a valid stack name"),
        StackName("init-dot", ["stack", "init", "."], "'.' is not a valid stack name"),
        StackName("init-dot-dot", ["stack", "init", ".."], "'..' is not a valid stack name"),
        StackName("init-empty", ["stack", "init", ""], "'' is not a valid stack name"),
        StackName("init-too-long", ["stack", "init", new string('x', 101)], "is not a valid stack name"),
        StackName("init-space", ["stack", "init", "a b"], "'a b' is not a valid stack name"),
        StackName("init-non-ascii", ["stack", "init", "dév"], "'dév' is not a valid stack name"),
        StackName("rm-dot-dot", ["stack", "rm", "..", "--force", "--yes"], "'..' is not a valid stack name"),
        StackName("up-dot-dot", ["up", "--stack", "..", "--yes"], "'..' is not a valid stack name"),
        StackName("outputs-parent-path", ["outputs", "--stack", "../dev"], "'../dev' is not a valid stack name"),
        StackName("export-dot", ["stack", "export", "--stack", "."], "'.' is not a valid stack name"),

        Project("name-is-a-list", "name: [a, b]\nruntime: dotnet\nstackConfigDir: stacks\n", "1:7: 'name' must be a string, not a list"),
        Project("runtime-is-a-list", "name: cli-test\nruntime: [dotnet]\nstackConfigDir: stacks\n", "2:10: 'runtime' must be a string, not a list"),
        Project("stack-config-dir-is-a-mapping", "name: cli-test\nstackConfigDir: {a: b}\n", "2:17: 'stackConfigDir' must be a string, not a mapping"),
        Project("duplicate-key", "name: cli-test\nname: other\n", "not valid YAML", "Duplicate key"),
        Project("unterminated-quote", "name: 'cli-test\nstackConfigDir: stacks\n", "1:7: not valid YAML"),
        Project("name-missing", "runtime: dotnet\nstackConfigDir: stacks\n", "'name' is required"),
        Project("name-escapes-the-state-folder", "name: ../../escape\nstackConfigDir: stacks\n", "'../../escape' is not a valid project name"),
        Project("name-with-slash", "name: a/b\nstackConfigDir: stacks\n", "'a/b' is not a valid project name"),
        Project("top-level-is-text", "just text\n", "1:1: the top level must be a mapping"),
        Project("tab-indentation", "name: cli-test\nruntime:\n\tname: dotnet\n", "not valid YAML"),

        StackYaml("config-is-a-list", "config:\n  - ecr-automation:program: sample\n", "2:3: 'config' must be a mapping"),
        StackYaml("value-is-a-list", "config:\n  ecr-automation:program: [sample, ecs]\n", "2:27: config value 'ecr-automation:program' must be a string or {secure: ...}, not a list"),
        StackYaml("value-is-a-mapping", "config:\n  ecr-automation:program:\n    name: sample\n", "3:5: config value 'ecr-automation:program' must be a string or {secure: ...}, not a mapping"),
        StackYaml("key-is-a-list", "config:\n  [a, b]: c\n", "2:3: a config key must be a string, not a list"),
        StackYaml("key-has-too-many-parts", "config:\n  a:b:c:d: x\n", "2:3: configuration keys should be of the form"),
        StackYaml("unterminated-quote", "config:\n  ecr-automation:program: \"sample\n", "not valid YAML"),
        StackYaml("top-level-is-a-list", "- config\n", "1:1: the top level must be a mapping"),
        StackYaml("secure-is-a-list", "config:\n  cli-test:token:\n    secure: [a]\n", "3:13: 'secure' must be a string, not a list"),
        StackYaml("secure-with-other-keys", "config:\n  cli-test:token:\n    secure: v1:abc\n    plain: x\n", "3:5: config value 'cli-test:token' must be a string or {secure: ...}, not a mapping"),
        StackYaml("encryption-salt-is-a-mapping", "encryptionsalt: {a: b}\nconfig:\n  ecr-automation:program: sample\n", "1:17: 'encryptionsalt' must be a string, not a mapping"),
        StackYaml("duplicate-config-key", "config:\n  ecr-automation:program: sample\n  ecr-automation:program: ecs\n", "not valid YAML", "Duplicate key"),

        Config("cloud-misspelled", ["up", "--stack", "dev", "--yes"], "ecr-automation:cloud is 'lokal', which is not a cloud; use one of: local, aws")
            with { StackConfig = "config:\n  ecr-automation:program: sample\n  ecr-automation:cloud: lokal\n" },
        Config("cloud-upper-case", ["preview", "--stack", "dev"], "ecr-automation:cloud is 'LOCAL'") with { StackConfig = "config:\n  ecr-automation:program: sample\n  ecr-automation:cloud: LOCAL\n" },
        Config("cloud-empty", ["preview", "--stack", "dev"], "ecr-automation:cloud is ''") with { StackConfig = "config:\n  ecr-automation:program: sample\n  ecr-automation:cloud: \"\"\n" },
        Config("cloud-misspelled-lifecycle", ["lifecycle", "preview", "--policy", Policy, "--repository", "app", "--stack", "dev"], "ecr-automation:cloud is 'aws-local'")
            with { StackConfig = "config:\n  ecr-automation:cloud: aws-local\n", Files = new() { ["policy.json"] = GoodPolicy } },
        Config("program-unknown-in-config", ["up", "--stack", "dev", "--yes"], "unknown program 'ecss'") with { StackConfig = "config:\n  ecr-automation:program: ecss\n" },
        Config("program-missing-with-resources", ["up", "--stack", "dev", "--yes"], "has resources but stacks/Pulumi.dev.yaml names no program") with { StackConfig = "config: {}\n" },
        Config("set-key-too-many-parts", ["config", "set", "a:b:c:d", "v", "--stack", "dev"], "configuration keys should be of the form"),
        Config("set-key-empty-namespace", ["config", "set", ":x", "v", "--stack", "dev"], "configuration keys should be of the form"),
        Config("rm-key-empty-part", ["config", "rm", "a::b", "--stack", "dev"], "configuration keys should be of the form"),
        Config("get-key-malformed", ["config", "get", "a:b:c:d", "--stack", "dev"], "configuration keys should be of the form"),
        Config("get-missing-key", ["config", "get", "nope", "--stack", "dev"], "configuration key 'cli-test:nope' not found") with { ExitCode = null },
        Config("integer-value-is-text", ["preview", "--stack", "dev"], "Configuration 'cli-test:suffixLength' value 'six' is not an integer")
            with { StackConfig = "config:\n  ecr-automation:program: sample\n  cli-test:suffixLength: six\n", ExitCode = null },
        Config("secure-value-without-salt", ["up", "--stack", "dev", "--yes"], "Pulumi.dev.yaml:4:5: config value 'cli-test:token' is encrypted but the file has no encryptionsalt")
            with { StackConfig = "config:\n  ecr-automation:program: sample\n  cli-test:token:\n    secure: v1:garbage\n" },
        Config("secure-value-undecryptable", ["up", "--stack", "dev", "--yes"], "failed to decrypt")
            with { StackConfig = "encryptionsalt: v1:c2FsdHNhbHRzYWx0:v1:AAAAAAAAAAAAAAAA:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\nconfig:\n  ecr-automation:program: sample\n  cli-test:token:\n    secure: v1:garbage\n", ExitCode = null },
        Config("secret-without-passphrase", ["config", "set", "token", "x", "--secret", "--stack", "dev"], "PULUMI_CONFIG_PASSPHRASE")
            with { Unset = ["PULUMI_CONFIG_PASSPHRASE", "PULUMI_CONFIG_PASSPHRASE_FILE"], ExitCode = null },

        CorruptCheckpoint("resources-is-a-number", """{"version":3,"checkpoint":{"stack":"organization/cli-test/dev","latest":{"manifest":{"version":"3"},"resources":5}}}"""),
        CorruptCheckpoint("latest-is-a-string", """{"version":3,"checkpoint":{"stack":"organization/cli-test/dev","latest":"yesterday"}}"""),
        CorruptCheckpoint("truncated", """{"version":3,"checkpoint":{"stack":"organization/cli-test/dev","latest":{"resources":[{"urn":"""),
        CorruptCheckpoint("not-json", "this is not a checkpoint"),
        CorruptCheckpoint("resource-without-urn", """{"version":3,"checkpoint":{"stack":"organization/cli-test/dev","latest":{"resources":[{"type":"random:index/randomId:RandomId","custom":true,"id":"x"}]}}}"""),
        CorruptCheckpoint("resource-type-is-a-number", $$$"""{"version":3,"checkpoint":{"stack":"organization/cli-test/dev","latest":{"resources":[{"urn":"{{{Stack}}}","type":7}]}} }"""),

        Import("resources-is-a-string", """{"version":3,"deployment":{"manifest":{},"resources":"oops"}}""", "resources"),
        Import("not-json", "not json", "not valid JSON"),
        Import("version-too-new", """{"version":9,"deployment":{}}""", "too new"),
        Import("no-deployment", """{"version":3}""", "'deployment'"),
        Import("top-level-is-an-array", "[]", "deployment"),
        Import("malformed-urn", """{"version":3,"deployment":{"resources":[{"urn":"bogus","type":"random:index/randomId:RandomId","custom":true,"id":"x"}]}}""", "'bogus'"),
        Import("dangling-dependency", $$$"""{"version":3,"deployment":{"resources":[{"urn":"{{{Stack}}}","type":"pulumi:pulumi:Stack"},{"urn":"urn:pulumi:dev::cli-test::random:index/randomId:RandomId::id","type":"random:index/randomId:RandomId","custom":true,"id":"x","parent":"{{{Stack}}}","dependencies":["{{{UnknownUrn}}}"]}]}}""", UnknownUrn),
        Import("unknown-provider-reference", $$$"""{"version":3,"deployment":{"resources":[{"urn":"{{{Stack}}}","type":"pulumi:pulumi:Stack"},{"urn":"urn:pulumi:dev::cli-test::random:index/randomId:RandomId::id","type":"random:index/randomId:RandomId","custom":true,"id":"x","provider":"urn:pulumi:dev::cli-test::pulumi:providers:random::missing::0000"}]}}""", "provider"),
        Import("resource-of-another-stack", """{"version":3,"deployment":{"resources":[{"urn":"urn:pulumi:prod::other::pulumi:pulumi:Stack::other-prod","type":"pulumi:pulumi:Stack"}]}}""", "urn:pulumi:prod::other"),

        Lifecycle("count-number-zero", $$"""{"rules":[{{Rule("\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\",\"countNumber\":0")}}]}""", "countNumber", "rulePriority 1"),
        Lifecycle("since-pushed-without-unit", $$"""{"rules":[{{Rule("\"tagStatus\":\"any\",\"countType\":\"sinceImagePushed\",\"countNumber\":3")}}]}""", "countUnit", "rulePriority 1"),
        Lifecycle("no-rules", """{"rules":[]}""", "rules"),
        Lifecycle("count-number-is-a-string", $$"""{"rules":[{{Rule("\"tagStatus\":\"any\",\"countType\":\"imageCountMoreThan\",\"countNumber\":\"3\"")}}]}""", "countNumber"),
        Lifecycle("tagged-without-prefixes", $$"""{"rules":[{{Rule("\"tagStatus\":\"tagged\",\"countType\":\"imageCountMoreThan\",\"countNumber\":3")}}]}""", "tagPrefixList"),
        Lifecycle("unknown-action", $$"""{"rules":[{{Rule("\"tagStatus\":\"untagged\",\"countType\":\"imageCountMoreThan\",\"countNumber\":3", "{\"type\":\"delete\"}")}}]}""", "delete"),
        Lifecycle("duplicate-priorities", $$"""{"rules":[{{Rule("\"tagStatus\":\"untagged\",\"countType\":\"imageCountMoreThan\",\"countNumber\":3")}},{{Rule("\"tagStatus\":\"untagged\",\"countType\":\"imageCountMoreThan\",\"countNumber\":5")}}]}""", "rulePriority 1"),
        Lifecycle("priority-zero", $$"""{"rules":[{{Rule("\"tagStatus\":\"untagged\",\"countType\":\"imageCountMoreThan\",\"countNumber\":3", priority: 0)}}]}""", "rulePriority"),
        Lifecycle("count-unit-weeks", $$"""{"rules":[{{Rule("\"tagStatus\":\"untagged\",\"countType\":\"sinceImagePushed\",\"countUnit\":\"weeks\",\"countNumber\":3")}}]}""", "weeks"),
        Lifecycle("rule-without-action", """{"rules":[{"rulePriority":1,"selection":{"tagStatus":"untagged","countType":"imageCountMoreThan","countNumber":3}}]}""", "action"),
        Lifecycle("unknown-tag-status", $$"""{"rules":[{{Rule("\"tagStatus\":\"old\",\"countType\":\"imageCountMoreThan\",\"countNumber\":3")}}]}""", "old"),
        Lifecycle("unknown-rule-property", """{"rules":[{"rulePriority":1,"extra":1,"selection":{"tagStatus":"untagged","countType":"imageCountMoreThan","countNumber":3},"action":{"type":"expire"}}]}""", "extra"),
        Lifecycle("not-json", "rules: []", "Could not map"),
        Lifecycle("no-rules-member", "{}", "rules"),

        Repository("upper-case", "Bad_Name", "repositoryName"),
        Repository("too-short", "a", "repositoryName", "length"),
        Repository("empty-namespace", "team//app", "repositoryName"),
        Repository("trailing-separator", "app-", "repositoryName"),
        Repository("does-not-exist", "nope", "RepositoryNotFoundException", "nope"),

        Dockerfile("unknown-instruction", "FRM scratch\n", "unknown instruction: FRM"),
        Dockerfile("copy-before-from", "COPY busybox /bin/busybox\n", "COPY before the first FROM"),
        Dockerfile("empty", "", "the Dockerfile has no FROM instruction"),
        Dockerfile("from-as-without-name", "FROM scratch AS\n", "FROM requires either one or three arguments"),
        Dockerfile("copy-without-arguments", "FROM scratch\nCOPY\n", "COPY requires at least two arguments"),
        Dockerfile("expose-not-a-port", "FROM scratch\nEXPOSE abc\n", "invalid containerPort: abc"),
        Dockerfile("env-without-arguments", "FROM scratch\nENV\n", "ENV requires at least one argument"),
        Dockerfile("from-undefined-argument", "FROM ${NOPE}\n", "invalid reference format"),
        Dockerfile("copy-outside-context", "FROM scratch\nCOPY ../../etc/passwd /x\n", "file not found in build context"),
        Dockerfile("missing", null, "Dockerfile"),

        Urn("up-target-unknown", ["up", "--stack", "dev", "--yes", "--target", UnknownUrn], UnknownUrn),
        Urn("up-target-malformed", ["up", "--stack", "dev", "--yes", "--target", "bogus"], "'bogus'"),
        Urn("preview-target-unknown", ["preview", "--stack", "dev", "--target", UnknownUrn], UnknownUrn),
        Urn("up-replace-malformed", ["up", "--stack", "dev", "--yes", "--replace", "urn:pulumi:dev"], "'urn:pulumi:dev'"),
        Urn("preview-replace-unknown", ["preview", "--stack", "dev", "--replace", UnknownUrn], UnknownUrn),
        Urn("destroy-target-malformed", ["destroy", "--stack", "dev", "--yes", "--target", "bogus"], "'bogus'"),
        Urn("destroy-target-unknown", ["destroy", "--stack", "dev", "--yes", "--target", UnknownUrn], UnknownUrn),
        Urn("refresh-target-malformed", ["refresh", "--stack", "dev", "--yes", "--target", "bogus"], "'bogus'"),
    ];
}
