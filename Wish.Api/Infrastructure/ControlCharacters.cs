using System.Collections;
using System.Collections.Concurrent;
using System.Reflection;

namespace WeChatWish.Api.Infrastructure;

/// <summary>
/// Text a person typed holds no control characters but line breaks and tabs. PostgreSQL's text cannot store U+0000 at all (the
/// statement fails: a 500 after validation passed), and the others show as nothing or as boxes on a volunteer's phone. So every
/// handler argument that carries text (a request body, an [AsParameters] query, a plain string from the route or query) is
/// looked through before its validator runs, and a field holding one is a 400 with that field named.
/// </summary>
public static class ControlCharacters
{
    public const string Message = "内容里有无法显示的控制字符，请删除后重试。";

    private const int MaxDepth = 4;
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> Readable = new();

    public static bool IsUnwanted(char c) => char.IsControl(c) && c is not ('\n' or '\r' or '\t');

    public static bool AnyIn(string? text)
    {
        if (text is null) return false;
        foreach (var c in text)
            if (IsUnwanted(c)) return true;
        return false;
    }

    /// <summary>Whether the handler's parameter of this type is looked through: text, or a type of this service's own that is not bound from the caller.</summary>
    public static bool Carries(Type type, IServiceProviderIsService services) =>
        type == typeof(string) || Ours(type) && !services.IsService(type) && type.GetMethod("BindAsync", BindingFlags.Public | BindingFlags.Static) is null;

    /// <summary>
    /// Adds to <paramref name="found"/> (made on the first one) the JSON names of the fields that hold an unwanted character; a bare
    /// string argument goes by <paramref name="name"/>, a body's fields by their own names. Nothing is allocated for clean input.
    /// </summary>
    public static void FindIn(object? value, string name, ref List<string>? found) => Walk(value, name, 0, ref found);

    private static void Walk(object? value, string path, int depth, ref List<string>? found)
    {
        switch (value)
        {
            case null:
                return;
            case string text:
                if (AnyIn(text)) (found ??= []).Add(path);
                return;
            case IDictionary dictionary:
                foreach (DictionaryEntry entry in dictionary)
                {
                    var key = entry.Key as string;
                    if (AnyIn(key)) (found ??= []).Add(path);
                    Walk(entry.Value, Join(path, key ?? ""), depth + 1, ref found);
                }
                return;
            case IEnumerable items when depth < MaxDepth:
                var index = 0;
                foreach (var item in items) Walk(item, $"{path}[{index++}]", depth + 1, ref found);
                return;
        }
        var type = value.GetType();
        if (depth >= MaxDepth || !Ours(type)) return;
        foreach (var property in Readable.GetOrAdd(type, PropertiesOf))
            Walk(property.GetValue(value), Join(path, JsonName(property.Name)), depth + 1, ref found);
    }

    private static PropertyInfo[] PropertiesOf(Type type) => type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.GetIndexParameters().Length == 0 && p.CanRead && IsTextBearing(p.PropertyType)).ToArray();

    private static bool IsTextBearing(Type type) =>
        type == typeof(string) || Ours(type) || type != typeof(byte[]) && typeof(IEnumerable).IsAssignableFrom(type);

    private static bool Ours(Type type) => type is { IsClass: true, Namespace: not null } && type.Namespace.StartsWith("WeChatWish.", StringComparison.Ordinal);

    private static string Join(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    private static string JsonName(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];
}
