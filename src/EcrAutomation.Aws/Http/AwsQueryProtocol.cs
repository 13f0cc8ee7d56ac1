using System.Collections;
using System.Globalization;
using System.Net.Http.Headers;
using System.Reflection;
using System.Text;
using System.Xml.Linq;

namespace EcrAutomation.Aws.Http;

/// <summary>
/// AWS query protocol (IAM, ELBv2): form-encoded <c>Action</c>/<c>Version</c> plus members flattened by name
/// (<c>Name.member.N</c> for lists, <c>Name.Sub</c> for structures); XML response <c>&lt;OpResult&gt;</c> read into records by
/// property name. Request and result records use the model's PascalCase member names as property names.
/// </summary>
internal sealed class AwsQueryProtocol(AwsRequestExecutor executor, AwsServiceInfo service, string version)
{
    private static readonly MediaTypeHeaderValue ContentType = new("application/x-www-form-urlencoded") { CharSet = "utf-8" };

    public async Task<TResult> InvokeAsync<TResult>(string action, object? request, CancellationToken cancellationToken, bool idempotent = true)
        where TResult : new()
    {
        var body = Encoding.UTF8.GetBytes(Serialize(action, version, request));
        var response = await executor.SendAsync(
            service, action,
            endpoint =>
            {
                var message = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent(body) };
                message.Content.Headers.ContentType = ContentType;
                return message;
            },
            body, cancellationToken, idempotent).ConfigureAwait(false);

        if (response.Body.Length == 0)
        {
            return new TResult();
        }

        var root = XDocument.Parse(Encoding.UTF8.GetString(response.Body)).Root;
        var result = root?.Elements().FirstOrDefault(e => e.Name.LocalName == action + "Result");
        return result is null ? new TResult() : (TResult)QueryXml.Read(result, typeof(TResult));
    }

    /// <summary>Builds the form body.</summary>
    internal static string Serialize(string action, string version, object? request)
    {
        var pairs = new List<KeyValuePair<string, string>> { new("Action", action), new("Version", version) };
        if (request is not null)
        {
            Flatten(pairs, "", request);
        }

        return string.Join('&', pairs.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));
    }

    private static void Flatten(List<KeyValuePair<string, string>> pairs, string prefix, object value)
    {
        foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetIndexParameters().Length > 0 || property.GetValue(value) is not { } member)
            {
                continue;
            }

            AddValue(pairs, prefix + property.Name, member);
        }
    }

    private static void AddValue(List<KeyValuePair<string, string>> pairs, string name, object member)
    {
        switch (member)
        {
            case string s:
                pairs.Add(new(name, s));
                break;
            case bool b:
                pairs.Add(new(name, b ? "true" : "false"));
                break;
            case DateTimeOffset d:
                pairs.Add(new(name, d.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture)));
                break;
            case IFormattable f when member.GetType().IsPrimitive || member is decimal:
                pairs.Add(new(name, f.ToString(null, CultureInfo.InvariantCulture)));
                break;
            case Enum e:
                pairs.Add(new(name, e.ToString()));
                break;
            case IDictionary dictionary:
                var entry = 1;
                foreach (DictionaryEntry item in dictionary)
                {
                    pairs.Add(new($"{name}.entry.{entry}.key", item.Key.ToString()!));
                    if (item.Value is not null)
                    {
                        AddValue(pairs, $"{name}.entry.{entry}.value", item.Value);
                    }

                    entry++;
                }

                break;
            case IEnumerable list:
                var index = 1;
                foreach (var item in list)
                {
                    if (item is not null)
                    {
                        AddValue(pairs, $"{name}.member.{index}", item);
                    }

                    index++;
                }

                // An explicitly empty list is sent as "Name=" so the service sees it (e.g. clearing a list).
                if (index == 1)
                {
                    pairs.Add(new(name, ""));
                }

                break;
            default:
                Flatten(pairs, name + ".", member);
                break;
        }
    }
}

/// <summary>Reads query-protocol XML into records by element name (lists as <c>&lt;member&gt;</c>, maps as <c>&lt;entry&gt;</c>).</summary>
internal static class QueryXml
{
    public static object Read(XElement element, Type type)
    {
        var target = Nullable.GetUnderlyingType(type) ?? type;
        if (target == typeof(string))
        {
            return element.Value;
        }

        if (target == typeof(bool))
        {
            return bool.Parse(element.Value.Trim());
        }

        if (target == typeof(int))
        {
            return int.Parse(element.Value.Trim(), CultureInfo.InvariantCulture);
        }

        if (target == typeof(long))
        {
            return long.Parse(element.Value.Trim(), CultureInfo.InvariantCulture);
        }

        if (target == typeof(double))
        {
            return double.Parse(element.Value.Trim(), CultureInfo.InvariantCulture);
        }

        if (target == typeof(DateTimeOffset))
        {
            return DateTimeOffset.Parse(element.Value.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
        }

        if (target.IsGenericType && target.GetGenericArguments() is [var keyType, var valueType]
            && target.GetGenericTypeDefinition() is var dictDef
            && (dictDef == typeof(IReadOnlyDictionary<,>) || dictDef == typeof(Dictionary<,>) || dictDef == typeof(IDictionary<,>)))
        {
            var dictionary = (IDictionary)Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(keyType, valueType))!;
            foreach (var entry in element.Elements().Where(e => e.Name.LocalName == "entry"))
            {
                var key = entry.Elements().FirstOrDefault(e => e.Name.LocalName == "key")?.Value;
                var value = entry.Elements().FirstOrDefault(e => e.Name.LocalName == "value");
                if (key is not null && value is not null)
                {
                    dictionary[key] = Read(value, valueType);
                }
            }

            return dictionary;
        }

        if (target.IsGenericType && target.GetGenericArguments() is [var itemType]
            && typeof(IEnumerable).IsAssignableFrom(target))
        {
            var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(itemType))!;
            foreach (var item in element.Elements().Where(e => e.Name.LocalName == "member"))
            {
                list.Add(Read(item, itemType));
            }

            return list;
        }

        var instance = Activator.CreateInstance(target)!;
        foreach (var property in target.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (!property.CanWrite)
            {
                continue;
            }

            var child = element.Elements().FirstOrDefault(e => e.Name.LocalName == property.Name)
                ?? element.Elements().FirstOrDefault(e => string.Equals(e.Name.LocalName, property.Name, StringComparison.OrdinalIgnoreCase));
            if (child is null || (child.IsEmpty && property.PropertyType != typeof(string) && !IsCollection(property.PropertyType)))
            {
                continue;
            }

            property.SetValue(instance, Read(child, property.PropertyType));
        }

        return instance;
    }

    private static bool IsCollection(Type type) => type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type);
}
