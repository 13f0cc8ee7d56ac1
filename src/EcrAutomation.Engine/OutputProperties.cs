using System.Collections.Concurrent;
using System.Reflection;
using EcrAutomation.Deployment;

namespace EcrAutomation;

/// <summary>Fills a custom resource's <see cref="OutputAttribute"/> properties from its registration result.</summary>
internal static class OutputProperties
{
    private static readonly ConcurrentDictionary<Type, Action<Resource, Task<RegistrationResult>>[]> Binders = new();
    private static readonly MethodInfo CreateMethod = typeof(OutputProperties).GetMethod(nameof(Create), BindingFlags.NonPublic | BindingFlags.Static)!;

    public static void Bind(Resource resource, Task<RegistrationResult> registration)
    {
        if (!resource.IsCustom) return;
        foreach (var binder in Binders.GetOrAdd(resource.GetType(), BuildBinders)) binder(resource, registration);
    }

    private static Action<Resource, Task<RegistrationResult>>[] BuildBinders(Type type) =>
        [.. type.GetProperties(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic)
            .Where(p => p.GetCustomAttribute<OutputAttribute>() is not null && p.PropertyType.IsGenericType && p.PropertyType.GetGenericTypeDefinition() == typeof(Output<>))
            .Select(p =>
            {
                var name = p.GetCustomAttribute<OutputAttribute>()!.Name ?? char.ToLowerInvariant(p.Name[0]) + p.Name[1..];
                var create = CreateMethod.MakeGenericMethod(p.PropertyType.GetGenericArguments()[0]);
                var setter = p.GetSetMethod(nonPublic: true) ?? throw new InvalidOperationException($"Output property {type.Name}.{p.Name} needs a setter (it may be private).");
                return (Action<Resource, Task<RegistrationResult>>)((resource, registration) =>
                    setter.Invoke(resource, [create.Invoke(null, [resource, registration, name])]));
            })];

    private static Output<T> Create<T>(Resource resource, Task<RegistrationResult> registration, string name) =>
        new(registration.ContinueWith(t =>
        {
            var result = t.GetAwaiter().GetResult();
            result.Outputs.TryGetValue(name, out var value);
            return PropertyConverter.ToOutputData<T>(value, isKnownIfMissing: !result.IsPreview, resource);
        }, TaskScheduler.Default));
}
