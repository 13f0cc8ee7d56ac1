namespace EcrAutomation.Lifecycle;

/// <summary>
/// ECR's semantic checks on a policy model: per rule first (in the given order), then across rules.
/// Shared by <see cref="LifecyclePolicy.Parse"/> and <see cref="Awsx.AwsxLifecyclePolicy.Convert"/>.
/// </summary>
internal static class LifecyclePolicyValidator
{
    private const int MaxWildcards = 4;

    public static void Validate(LifecyclePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var rules = policy.Rules ?? throw new LifecyclePolicyValidationException(LifecycleMessages.MissingProperties(["rules"]));
        if (rules.Count == 0)
        {
            throw new LifecyclePolicyValidationException(LifecycleMessages.EmptyRules, field: "rules", hint: "a policy needs at least one rule");
        }

        for (var i = 0; i < rules.Count; i++)
        {
            ValidateRule(rules[i], i);
        }

        ValidateAcrossRules(rules);
    }

    private static void ValidateRule(LifecycleRule rule, int index)
    {
        if (rule is null)
        {
            throw new LifecyclePolicyValidationException(LifecycleMessages.WrongType("null", "object"), index);
        }

        int? knownPriority = rule.RulePriority >= 1 ? rule.RulePriority : null;
        LifecyclePolicyValidationException Fail(string reason, string? field, string? hint = null) => new(reason, index, knownPriority, field, hint);

        if (rule.RulePriority < 1)
        {
            throw Fail(LifecycleMessages.BelowMinimum(rule.RulePriority), "rulePriority");
        }

        if (rule.Selection is null || rule.Action is null)
        {
            throw Fail(LifecycleMessages.MissingProperties(rule.Selection is null ? ["selection"] : ["action"]), field: null);
        }

        var selection = rule.Selection;
        var action = rule.Action;
        if (selection.CountNumber < 1)
        {
            throw Fail(LifecycleMessages.BelowMinimum(selection.CountNumber), "selection.countNumber");
        }

        // ECR's two rule schemas (count-based vs age-based, expire vs transition): AWS reports any mismatch with the
        // generic "matched 0 out of 2" text, so the field and the combination it breaks are added here.
        if (SchemaMismatch(selection, action) is var (field, hint))
        {
            throw Fail(LifecycleMessages.NoSchemaMatched, field, hint);
        }

        if (action.TargetStorageClass is StorageClass target && target != StorageClass.Archive)
        {
            throw Fail(LifecycleMessages.NotInEnum(target.ToJson(), ["archive"]), "action.targetStorageClass");
        }

        var hasPrefixes = selection.TagPrefixList is not null;
        var hasPatterns = selection.TagPatternList is not null;
        var listField = hasPrefixes ? "selection.tagPrefixList" : "selection.tagPatternList";
        if (selection.TagStatus != TagStatus.Tagged && (hasPrefixes || hasPatterns))
        {
            throw Fail(LifecycleMessages.TagListOnlyWithTagged, listField);
        }

        if (hasPrefixes && hasPatterns)
        {
            throw Fail(LifecycleMessages.BothTagLists, "selection.tagPatternList");
        }

        if (selection.TagStatus == TagStatus.Tagged
            && (selection.TagPrefixList ?? selection.TagPatternList ?? []).Count == 0)
        {
            throw Fail(LifecycleMessages.MustSpecifyTagList, field: null); // AWS's text names both fields
        }

        foreach (var entry in selection.TagPrefixList ?? selection.TagPatternList ?? [])
        {
            if (entry is null)
            {
                throw Fail(LifecycleMessages.WrongType("null", "string"), listField);
            }
        }

        foreach (var pattern in selection.TagPatternList ?? [])
        {
            if (pattern.Count(c => c == '*') > MaxWildcards)
            {
                throw Fail(LifecycleMessages.TooManyWildcards(pattern), "selection.tagPatternList");
            }
        }
    }

    /// <summary>The member that breaks ECR's rule schemas and why, or null when the combination is valid.</summary>
    private static (string Field, string Hint)? SchemaMismatch(LifecycleSelection selection, LifecycleAction action)
    {
        var countType = selection.CountType.ToJson();
        var storage = selection.EffectiveStorageClass;
        return (selection.CountType, selection.CountUnit, action.Type, action.TargetStorageClass) switch
        {
            (not CountType.ImageCountMoreThan, null, _, _) =>
                ("selection.countUnit", $"countType \"{countType}\" requires \"countUnit\": \"days\""),
            (CountType.ImageCountMoreThan, not null, _, _) =>
                ("selection.countUnit", $"countUnit is only allowed with the since* count types, not \"{countType}\""),
            (_, _, ActionType.Expire, not null) =>
                ("action.targetStorageClass", "only a \"transition\" action takes a targetStorageClass"),
            (_, _, ActionType.Transition, null) =>
                ("action.targetStorageClass", "a \"transition\" action requires \"targetStorageClass\": \"archive\""),
            (_, _, ActionType.Transition, _) when storage == StorageClass.Archive =>
                ("selection.storageClass", "a \"transition\" action selects images in the \"standard\" storage class"),
            (CountType.SinceImagePulled, _, not ActionType.Transition, _) =>
                ("action.type", $"countType \"{countType}\" is only allowed with a \"transition\" action"),
            (CountType.SinceImageTransitioned, _, not ActionType.Expire, _) =>
                ("action.type", $"countType \"{countType}\" is only allowed with an \"expire\" action"),
            (CountType.SinceImageTransitioned, _, _, _) when storage != StorageClass.Archive =>
                ("selection.storageClass", $"countType \"{countType}\" requires \"storageClass\": \"archive\""),
            _ => null,
        };
    }

    private static void ValidateAcrossRules(IReadOnlyList<LifecycleRule> rules)
    {
        // Indices in priority order, so "the second one" is well defined.
        var order = Enumerable.Range(0, rules.Count).OrderBy(i => rules[i].RulePriority).ThenBy(i => i).ToArray();
        for (var k = 1; k < order.Length; k++)
        {
            var rule = rules[order[k]];
            if (rule.RulePriority == rules[order[k - 1]].RulePriority)
            {
                throw new LifecyclePolicyValidationException(
                    LifecycleMessages.DuplicatePriority(rule.RulePriority), order[k], rule.RulePriority);
            }
        }

        foreach (var group in order.GroupBy(i => rules[i].Selection.EffectiveStorageClass))
        {
            var indices = group.ToArray();
            var untagged = indices.Where(i => rules[i].Selection.TagStatus == TagStatus.Untagged).Skip(1).FirstOrDefault(-1);
            if (untagged >= 0)
            {
                throw new LifecyclePolicyValidationException(
                    LifecycleMessages.OnlyOneUntagged, untagged, rules[untagged].RulePriority);
            }

            var last = indices[^1];
            foreach (var i in indices)
            {
                if (i != last && rules[i].Selection.TagStatus == TagStatus.Any)
                {
                    throw new LifecyclePolicyValidationException(LifecycleMessages.AnyMustBeLast, i, rules[i].RulePriority);
                }
            }

            // Read literally ("a unique set of tag prefixes"): two rules may share a prefix but not the whole set.
            // Set semantics because the entries are ANDed, so order and repeats do not change what a rule selects.
            var seenPrefixSets = new HashSet<string>(StringComparer.Ordinal);
            foreach (var i in indices)
            {
                if (rules[i].Selection.TagPrefixList is { Count: > 0 } prefixes)
                {
                    var key = string.Join('\0', prefixes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
                    if (!seenPrefixSets.Add(key))
                    {
                        throw new LifecyclePolicyValidationException(
                            LifecycleMessages.DuplicatePrefixList(prefixes.Distinct(StringComparer.Ordinal)), i, rules[i].RulePriority);
                    }
                }
            }
        }
    }
}
