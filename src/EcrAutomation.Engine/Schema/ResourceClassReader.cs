using System.Reflection;
using System.Reflection.Metadata;

namespace EcrAutomation.Schema;

/// <summary>
/// Finds the classes of an assembly that carry <see cref="ResourceTypeAttribute"/> by reading its metadata tables, without
/// loading any of its types: loading every type of the packages' assemblies (what <see cref="Assembly.GetTypes"/> does)
/// costs hundreds of milliseconds, which a YAML program would pay before its first resource.
/// </summary>
internal static class ResourceClassReader
{
    private static readonly string AttributeName = nameof(ResourceTypeAttribute);
    private static readonly string AttributeNamespace = typeof(ResourceTypeAttribute).Namespace!;

    public static IReadOnlyList<TypeTokens.ResourceClass> Read(Assembly assembly)
    {
        unsafe
        {
            if (!assembly.TryGetRawMetadata(out var blob, out var length)) return ReadByReflection(assembly);
            return Read(assembly, new MetadataReader(blob, length));
        }
    }

    private static List<TypeTokens.ResourceClass> Read(Assembly assembly, MetadataReader reader)
    {
        var classes = new List<TypeTokens.ResourceClass>();
        foreach (var handle in reader.TypeDefinitions)
        {
            var definition = reader.GetTypeDefinition(handle);
            foreach (var attributeHandle in definition.GetCustomAttributes())
            {
                var attribute = reader.GetCustomAttribute(attributeHandle);
                if (!IsResourceTypeAttribute(reader, attribute.Constructor)) continue;
                var value = reader.GetBlobReader(attribute.Value);
                if (value.ReadUInt16() != 1 || value.ReadSerializedString() is not { } token) continue;
                var attributes = definition.Attributes;
                var isPublic = (attributes & TypeAttributes.VisibilityMask) == TypeAttributes.Public;
                classes.Add(new TypeTokens.ResourceClass(token, FullName(reader, definition), Namespace(reader, definition), isPublic && (attributes & TypeAttributes.Abstract) == 0, assembly));
            }
        }
        return classes;
    }

    private static bool IsResourceTypeAttribute(MetadataReader reader, EntityHandle constructor)
    {
        switch (constructor.Kind)
        {
            case HandleKind.MemberReference:
                var parent = reader.GetMemberReference((MemberReferenceHandle)constructor).Parent;
                if (parent.Kind != HandleKind.TypeReference) return false;
                var reference = reader.GetTypeReference((TypeReferenceHandle)parent);
                return reader.StringComparer.Equals(reference.Name, AttributeName) && reader.StringComparer.Equals(reference.Namespace, AttributeNamespace);
            case HandleKind.MethodDefinition:
                var declaring = reader.GetTypeDefinition(reader.GetMethodDefinition((MethodDefinitionHandle)constructor).GetDeclaringType());
                return reader.StringComparer.Equals(declaring.Name, AttributeName) && reader.StringComparer.Equals(declaring.Namespace, AttributeNamespace);
            default:
                return false;
        }
    }

    /// <summary>The name <see cref="Assembly.GetType(string)"/> takes: <c>Namespace.Outer+Inner</c>.</summary>
    private static string FullName(MetadataReader reader, TypeDefinition definition)
    {
        var name = reader.GetString(definition.Name);
        var declaring = definition.GetDeclaringType();
        if (!declaring.IsNil) return FullName(reader, reader.GetTypeDefinition(declaring)) + "+" + name;
        var ns = reader.GetString(definition.Namespace);
        return ns.Length == 0 ? name : ns + "." + name;
    }

    private static string? Namespace(MetadataReader reader, TypeDefinition definition)
    {
        while (!definition.GetDeclaringType().IsNil) definition = reader.GetTypeDefinition(definition.GetDeclaringType());
        var ns = reader.GetString(definition.Namespace);
        return ns.Length == 0 ? null : ns;
    }

    /// <summary>For assemblies without readable metadata (dynamic ones): every type, loaded.</summary>
    private static List<TypeTokens.ResourceClass> ReadByReflection(Assembly assembly) =>
        [.. assembly.GetTypes()
            .Where(t => t.IsClass && t.IsDefined(typeof(ResourceTypeAttribute), inherit: false))
            .Select(t => new TypeTokens.ResourceClass(t.GetCustomAttribute<ResourceTypeAttribute>(inherit: false)!.Type, t.FullName!, t.Namespace, t.IsPublic && !t.IsAbstract, assembly))];
}
