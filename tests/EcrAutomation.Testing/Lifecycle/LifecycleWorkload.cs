using EcrAutomation.Lifecycle;

namespace EcrAutomation.Testing.Lifecycle;

/// <summary>A repeatable, realistic workload: mixed tag schemes, untagged leftovers, ten rules.</summary>
public static class LifecycleWorkload
{
    /// <summary><paramref name="count"/> images from a fixed seed, pushed up to 400 days before <paramref name="now"/>.</summary>
    public static LifecycleImage[] Images(int count, DateTimeOffset now)
    {
        var random = new Random(42);
        var images = new LifecycleImage[count];
        string[] branches = ["main", "dev", "feature-x", "release", "hotfix"];
        for (var i = 0; i < count; i++)
        {
            var pushed = now.AddMinutes(-random.Next(0, 400 * 24 * 60));
            string[] tags = (i % 4) switch
            {
                0 => [],
                1 => [$"v{random.Next(1, 4)}.{random.Next(0, 20)}.{i}", "latest-" + branches[i % branches.Length]],
                2 => [$"{branches[random.Next(branches.Length)]}-{i:x}"],
                _ => [$"sha-{i:x8}", $"build-{i}", $"{branches[i % branches.Length]}-rc{i % 7}"],
            };
            images[i] = new LifecycleImage($"sha256:{i:x64}", tags, pushed, i % 3 == 0 ? pushed.AddDays(2) : null);
        }

        return images;
    }

    /// <summary>The ten-rule policy of the workload.</summary>
    public static LifecyclePolicy Policy() => LifecyclePolicy.Parse("""
        {"rules":[
          {"rulePriority":1,"selection":{"tagStatus":"untagged","countType":"sinceImagePushed","countUnit":"days","countNumber":14},"action":{"type":"expire"}},
          {"rulePriority":2,"selection":{"tagStatus":"tagged","tagPrefixList":["v1."],"countType":"imageCountMoreThan","countNumber":200},"action":{"type":"expire"}},
          {"rulePriority":3,"selection":{"tagStatus":"tagged","tagPrefixList":["v2.","latest-"],"countType":"imageCountMoreThan","countNumber":300},"action":{"type":"expire"}},
          {"rulePriority":4,"selection":{"tagStatus":"tagged","tagPatternList":["v3.*.*"],"countType":"sinceImagePushed","countUnit":"days","countNumber":180},"action":{"type":"expire"}},
          {"rulePriority":5,"selection":{"tagStatus":"tagged","tagPatternList":["*-rc*"],"countType":"imageCountMoreThan","countNumber":100},"action":{"type":"expire"}},
          {"rulePriority":6,"selection":{"tagStatus":"tagged","tagPrefixList":["feature-"],"countType":"sinceImagePushed","countUnit":"days","countNumber":30},"action":{"type":"expire"}},
          {"rulePriority":7,"selection":{"tagStatus":"tagged","tagPatternList":["dev-*"],"countType":"imageCountMoreThan","countNumber":50},"action":{"type":"expire"}},
          {"rulePriority":8,"selection":{"tagStatus":"tagged","tagPatternList":["*main*"],"countType":"imageCountMoreThan","countNumber":500},"action":{"type":"expire"}},
          {"rulePriority":9,"selection":{"tagStatus":"tagged","tagPrefixList":["hotfix"],"countType":"sinceImagePushed","countUnit":"days","countNumber":90},"action":{"type":"expire"}},
          {"rulePriority":10,"selection":{"tagStatus":"any","countType":"imageCountMoreThan","countNumber":2000},"action":{"type":"expire"}}
        ]}
        """);
}
