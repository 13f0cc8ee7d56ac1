using System.Runtime.CompilerServices;

namespace EcrAutomation.Lifecycle;

/// <summary>Applies a lifecycle policy to a set of images the way ECR does (aws-apis.md §3.2).</summary>
/// <remarks>
/// Rules run in ascending rulePriority. A rule selects the images of its storage class that meet its tagging
/// requirements; every selected image counts, but only images no higher-priority rule selected can be acted on
/// (an image selected by a rule is protected from lower rules even when that rule keeps it). So each image gets at
/// most one action. <c>imageCountMoreThan</c> keeps the newest countNumber selected images (push time, newest first;
/// equal push times by digest, ordinal ascending, the smaller digest counting as newer) and acts on the rest; the
/// <c>since*</c> types act on images whose push / last pull (push if never pulled) / transition (push if unknown) time
/// is more than countNumber days before <c>now</c>. Cost: one sort plus O(images x rules x tags x list entries).
/// </remarks>
public static class LifecycleEvaluator
{
    /// <summary>Decides which images the policy expires (or transitions) at <paramref name="now"/>.</summary>
    /// <param name="policy">A validated policy.</param>
    /// <param name="images">The repository's images; digests must be unique.</param>
    /// <param name="now">The evaluation time (age rules compare against it).</param>
    /// <returns>The expired, transitioned and kept images.</returns>
    /// <exception cref="ArgumentException">Two images have the same digest.</exception>
    // Fully optimised on first call: previews run once, so tier-0 code would be all a caller ever sees.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static LifecycleEvaluation Evaluate(LifecyclePolicy policy, IEnumerable<LifecycleImage> images, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(images);

        var all = images.ToArray();
        var digests = new HashSet<string>(all.Length, StringComparer.Ordinal);
        foreach (var image in all)
        {
            ArgumentNullException.ThrowIfNull(image, nameof(images));
            if (!digests.Add(image.Digest))
            {
                throw new ArgumentException($"Duplicate image digest '{image.Digest}'.", nameof(images));
            }
        }

        SortNewestFirst(all);

        var rules = policy.Rules.OrderBy(r => r.RulePriority).ToArray();
        var matchers = rules.Select(r => new TagMatcher(r.Selection)).ToArray();
        var claimed = new bool[all.Length];
        var applied = new LifecycleRule?[all.Length];

        for (var r = 0; r < rules.Length; r++)
        {
            var rule = rules[r];
            var selection = rule.Selection;
            var storageClass = selection.EffectiveStorageClass;
            var matcher = matchers[r];
            var maxAge = TimeSpan.FromDays(selection.CountNumber);
            var count = 0;
            for (var i = 0; i < all.Length; i++)
            {
                var image = all[i];
                if (image.StorageClass != storageClass || !matcher.Matches(image.Tags))
                {
                    continue;
                }

                count++;
                var selected = selection.CountType switch
                {
                    CountType.ImageCountMoreThan => count > selection.CountNumber,
                    CountType.SinceImagePushed => now - image.PushedAt > maxAge,
                    CountType.SinceImagePulled => now - (image.LastPulledAt ?? image.PushedAt) > maxAge,
                    CountType.SinceImageTransitioned => now - (image.TransitionedAt ?? image.PushedAt) > maxAge,
                    _ => false,
                };
                if (selected && !claimed[i])
                {
                    applied[i] = rule;
                }

                claimed[i] = true;
            }
        }

        var expire = new List<ExpiredImage>();
        var transition = new List<TransitionedImage>();
        var keep = new List<LifecycleImage>(all.Length);

        // Oldest first: walk the runs of equal push time from the end, each run forwards (digest ascending).
        for (var end = all.Length; end > 0;)
        {
            var start = end - 1;
            while (start > 0 && all[start - 1].PushedAt == all[end - 1].PushedAt)
            {
                start--;
            }

            for (var i = start; i < end; i++)
            {
                Classify(i);
            }

            end = start;
        }

        return new LifecycleEvaluation(expire, keep) { Transition = transition };

        void Classify(int i)
        {
            var rule = applied[i];
            if (rule is null)
            {
                keep.Add(all[i]);
            }
            else if (rule.Action.Type == ActionType.Expire)
            {
                expire.Add(new ExpiredImage(all[i], rule.RulePriority));
            }
            else
            {
                transition.Add(new TransitionedImage(all[i], rule.RulePriority, rule.Action.TargetStorageClass ?? StorageClass.Archive));
            }
        }
    }

    // Newest push first; equal push times by digest (ordinal ascending) so results never depend on input order.
    // Sorting on a primitive key first is several times faster than a comparison delegate over records.
    private static void SortNewestFirst(LifecycleImage[] images)
    {
        var keys = new long[images.Length];
        for (var i = 0; i < images.Length; i++)
        {
            keys[i] = -images[i].PushedAt.UtcTicks;
        }

        Array.Sort(keys, images);
        for (var start = 0; start < images.Length;)
        {
            var end = start + 1;
            while (end < images.Length && keys[end] == keys[start])
            {
                end++;
            }

            if (end - start > 1)
            {
                Array.Sort(images, start, end - start, DigestOrder.Instance);
            }

            start = end;
        }
    }

    private sealed class DigestOrder : IComparer<LifecycleImage>
    {
        public static readonly DigestOrder Instance = new();

        public int Compare(LifecycleImage? a, LifecycleImage? b) => string.CompareOrdinal(a!.Digest, b!.Digest);
    }
}
