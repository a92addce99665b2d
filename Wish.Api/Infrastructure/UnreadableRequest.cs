using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;
using WeChatWish.Domain;

namespace WeChatWish.Api.Infrastructure;

/// <summary>
/// A request the framework could not bind (JSON that does not parse or does not fit, a query value of the wrong type) as a
/// ProblemDetails whose <c>errors</c> name the field, or the position of a syntax error, and say in Chinese what was expected.
/// Minimal APIs throw these (<c>RouteHandlerOptions.ThrowOnBadRequest</c>) instead of answering a bare 400.
/// </summary>
public static partial class UnreadableRequest
{
    public const string Title = "请求内容无法读取。";

    public static ProblemDetails? Describe(BadHttpRequestException exception, HttpContext http)
    {
        if (exception.StatusCode != StatusCodes.Status400BadRequest) return null;
        // The exception handler clears the endpoint before handlers run; the feature keeps the one that threw.
        var endpoint = http.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>()?.Endpoint ?? http.GetEndpoint();
        var method = endpoint?.Metadata.GetMetadata<MethodInfo>();
        var (field, message) = exception.InnerException switch
        {
            JsonException json => FromJson(json, BodyType(method)),
            _ when BindFailure().Match(exception.Message) is { Success: true } m =>
                (Camel(m.Groups["name"].Value), $"应为{Expected(ParameterType(method, m.Groups["name"].Value), m.Groups["type"].Value)}，收到“{Clip(m.Groups["value"].Value)}”。"),
            _ when MissingRequired().Match(exception.Message) is { Success: true } m => m.Groups["where"].Value.StartsWith("body", StringComparison.Ordinal)
                ? ("$", "请求正文为空，应为 JSON 对象。")
                : (Camel(m.Groups["name"].Value), "必须填写。"),
            _ when exception.Message.Contains("body was empty", StringComparison.OrdinalIgnoreCase) || exception.Message.Contains("Implicit body inferred", StringComparison.Ordinal) =>
                ("$", "请求正文为空，应为 JSON 对象。"),
            _ when exception.Message.Contains("Content-Type", StringComparison.OrdinalIgnoreCase) =>
                ("$", "请求正文应为 JSON（Content-Type: application/json）。"),
            _ => ("$", "请求内容无法读取。"),
        };
        var problem = new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [message] })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = Title,
        };
        problem.Extensions["code"] = DomainErrorCodes.RequestUnreadable;
        return problem;
    }

    private static (string Field, string Message) FromJson(JsonException json, Type? bodyType)
    {
        var path = json.Path is null or "$" ? "$" : json.Path.StartsWith("$.", StringComparison.Ordinal) ? json.Path[2..] : json.Path;
        if (ConversionFailure().Match(json.Message) is { Success: true } conversion)
        {
            // A value of the wrong type, where the path says which field it was.
            var target = (bodyType is null ? null : TypeAt(bodyType, path)) ?? FindType(conversion.Groups["type"].Value);
            return (path, $"应为{Expected(target, conversion.Groups["type"].Value)}。");
        }
        // A converter of ours that says what it wants (its message is Chinese, the framework's are not).
        if (json.Message.Length > 0 && json.Message[0] > 0x7F) return (path, json.Message.Split(" Path:")[0]);
        var position = json.LineNumber is { } line && json.BytePositionInLine is { } column ? $"（第{line + 1}行第{column + 1}个字节处）" : "";
        return (path, $"不是有效的 JSON{position}，请检查引号、逗号和括号是否完整。");
    }

    private static Type? FindType(string fullName) => Type.GetType(fullName)
        ?? AppDomain.CurrentDomain.GetAssemblies().Where(a => a.GetName().Name?.StartsWith("Wish.", StringComparison.Ordinal) == true)
            .Select(a => a.GetType(fullName)).FirstOrDefault(t => t is not null);

    /// <summary>What a value of <paramref name="type"/> looks like, in words a person reads.</summary>
    public static string Expected(Type? type, string? typeName)
    {
        var t = type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
        if (t is null) return ExpectedByName(typeName is null ? null : NullableName().Replace(typeName, "$1").TrimEnd('?'));
        if (t.IsEnum) return "以下之一：" + string.Join("、", Enum.GetNames(t).Select(n => JsonNamingPolicy.SnakeCaseLower.ConvertName(n)));
        if (t == typeof(int) || t == typeof(long) || t == typeof(short)) return "整数";
        if (t == typeof(decimal) || t == typeof(double) || t == typeof(float)) return "数字";
        if (t == typeof(bool)) return "true 或 false";
        if (t == typeof(string)) return "文本";
        if (t == typeof(Guid)) return "编号（GUID，如 0195a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b）";
        if (t == typeof(DateTimeOffset) || t == typeof(DateTime)) return "日期时间（ISO 8601，如 2026-12-02T09:30:00+08:00）";
        if (t == typeof(DateOnly)) return "日期（如 2026-12-02）";
        if (t == typeof(TimeOnly)) return "时间（如 09:30）";
        if (t.IsAssignableTo(typeof(System.Collections.IDictionary))) return "对象（名称与文本值）";
        if (t != typeof(string) && t.IsAssignableTo(typeof(System.Collections.IEnumerable))) return "列表";
        return "对象";
    }

    private static string ExpectedByName(string? name) => name switch
    {
        "int" or "long" or "short" or "System.Int32" or "System.Int64" or "System.Int16" => "整数",
        "decimal" or "double" or "float" or "System.Decimal" or "System.Double" => "数字",
        "bool" or "System.Boolean" => "true 或 false",
        "string" or "System.String" => "文本",
        "Guid" or "System.Guid" => "编号（GUID）",
        "DateTimeOffset" or "DateTime" or "System.DateTimeOffset" or "System.DateTime" => "日期时间（ISO 8601）",
        "DateOnly" or "System.DateOnly" => "日期（如 2026-12-02）",
        _ => "正确格式的值",
    };

    private static Type? BodyType(MethodInfo? method) => method?.GetParameters()
        .Select(p => p.ParameterType)
        .FirstOrDefault(t => t.IsClass && t != typeof(string) && t.Name.EndsWith("Request", StringComparison.Ordinal));

    private static Type? ParameterType(MethodInfo? method, string name)
    {
        if (method is null) return null;
        foreach (var parameter in method.GetParameters())
        {
            if (string.Equals(parameter.Name, name, StringComparison.OrdinalIgnoreCase)) return parameter.ParameterType;
            if (parameter.GetCustomAttribute<AsParametersAttribute>() is null) continue;
            var property = parameter.ParameterType.GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (property is not null) return property.PropertyType;
        }
        return null;
    }

    /// <summary>The type at a JSON path such as <c>shifts[0].capacity</c> below <paramref name="root"/>.</summary>
    private static Type? TypeAt(Type root, string path)
    {
        if (path == "$") return null;
        var type = root;
        foreach (var raw in path.Split('.'))
        {
            var segment = raw;
            var indexed = segment.IndexOf('[', StringComparison.Ordinal);
            if (indexed >= 0) segment = segment[..indexed];
            if (segment.Length > 0)
            {
                var property = (Nullable.GetUnderlyingType(type) ?? type).GetProperty(segment.Replace("_", ""), BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
                if (property is null) return null;
                type = property.PropertyType;
            }
            if (indexed >= 0) type = ElementType(type) ?? type;
        }
        return type;
    }

    private static Type? ElementType(Type type) => type.IsArray
        ? type.GetElementType()
        : type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];

    private static string Camel(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];

    private static string Clip(string value) => value.Length <= 40 ? value : value[..40] + "…";

    [GeneratedRegex(@"^(?:System\.)?Nullable(?:<|`1\[)(.+?)(?:>|\])$")]
    private static partial Regex NullableName();

    // "Failed to bind parameter \"int? Page\" from \"abc\"."
    [GeneratedRegex("""^Failed to bind parameter "(?<type>[^"]+?) (?<name>[^" ]+)" from "(?<value>.*)"\.$""", RegexOptions.Singleline)]
    private static partial Regex BindFailure();

    // "Required parameter \"string Code\" was not provided from query string."
    [GeneratedRegex("""^Required parameter "(?<type>[^"]+?) (?<name>[^" ]+)" was not provided from (?<where>[^.]*)""")]
    private static partial Regex MissingRequired();

    // "The JSON value could not be converted to System.Int32. Path: $.page | LineNumber: 0 | BytePositionInLine: 11."
    [GeneratedRegex("""^The JSON value could not be converted to (?<type>[^ ]+?)\.( |$)""")]
    private static partial Regex ConversionFailure();
}
