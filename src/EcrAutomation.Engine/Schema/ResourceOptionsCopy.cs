using System.Reflection;

namespace EcrAutomation.Schema;

/// <summary>Gives a constructor the options type it takes (custom or component), with the caller's settings.</summary>
internal static class ResourceOptionsCopy
{
    /// <summary>
    /// <paramref name="options"/> as a new <paramref name="optionsType"/>: the settings both types have are copied (lists
    /// as new lists), and <paramref name="dependencies"/> are added to <see cref="ResourceOptions.DependsOn"/>.
    /// </summary>
    public static ResourceOptions? As(Type optionsType, ResourceOptions? options, IReadOnlyCollection<Resource> dependencies)
    {
        if (options is null && dependencies.Count == 0) return null;
        if (optionsType.IsAbstract) optionsType = options?.GetType() ?? typeof(CustomResourceOptions);
        var copy = (ResourceOptions)Activator.CreateInstance(optionsType)!;
        if (options is not null)
        {
            foreach (var property in options.GetType().GetProperties(BindingFlags.Instance | BindingFlags.Public))
            {
                if (property.SetMethod is not { IsPublic: true } || optionsType.GetProperty(property.Name) is not { } target || target.SetMethod is not { IsPublic: true }) continue;
                var value = property.GetValue(options);
                if (value is System.Collections.IList list)
                {
                    var fresh = (System.Collections.IList)Activator.CreateInstance(property.PropertyType)!;
                    foreach (var item in list) fresh.Add(item);
                    value = fresh;
                }
                target.SetValue(copy, value);
            }
        }
        foreach (var dependency in dependencies)
        {
            if (!copy.DependsOn.Contains(dependency)) copy.DependsOn.Add(dependency);
        }
        return copy;
    }
}
