namespace EcrAutomation.Providers;

/// <summary>
/// The standard input diff most providers need: compares old and new inputs key by key, marks the keys listed as
/// replace-on-change as replacements, and honours ignoreChanges.
/// </summary>
public static class ProviderDiff
{
    /// <summary>Compares old and new inputs.</summary>
    /// <param name="oldInputs">The inputs recorded in state.</param>
    /// <param name="newInputs">The new checked inputs.</param>
    /// <param name="replaceOnChange">Properties whose change forces a replacement.</param>
    /// <param name="ignoreChanges">Properties whose changes are ignored (<see cref="DiffRequest.IgnoreChanges"/>).</param>
    public static DiffResponse Compare(PropertyMap oldInputs, PropertyMap newInputs, IEnumerable<string> replaceOnChange, IEnumerable<string>? ignoreChanges = null)
    {
        var replaceSet = replaceOnChange.ToHashSet(StringComparer.Ordinal);
        var ignore = (ignoreChanges ?? []).ToHashSet(StringComparer.Ordinal);
        var changed = new List<string>();
        var replace = new List<string>();
        var detailed = new Dictionary<string, DiffKind>(StringComparer.Ordinal);
        foreach (var key in oldInputs.Keys.Union(newInputs.Keys).Order(StringComparer.Ordinal))
        {
            if (ignore.Contains(key) || key.StartsWith("__", StringComparison.Ordinal)) continue;
            var hasOld = oldInputs.TryGetValue(key, out var o);
            var hasNew = newInputs.TryGetValue(key, out var n);
            if (hasOld && hasNew && o!.Unsecret().Equals(n!.Unsecret())) continue;
            if (!hasOld && hasNew && n!.IsNull) continue;
            if (hasOld && !hasNew && o!.IsNull) continue;
            var replaces = replaceSet.Contains(key);
            changed.Add(key);
            if (replaces) replace.Add(key);
            detailed[key] = (hasOld, hasNew, replaces) switch
            {
                (false, _, false) => DiffKind.Add,
                (false, _, true) => DiffKind.AddReplace,
                (_, false, false) => DiffKind.Delete,
                (_, false, true) => DiffKind.DeleteReplace,
                (_, _, false) => DiffKind.Update,
                _ => DiffKind.UpdateReplace,
            };
        }
        return new DiffResponse(changed.Count > 0, replace, changed, detailed);
    }
}
