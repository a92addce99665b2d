using System.Net;
using System.Text.Json;

namespace WeChatWish.Console.Api;

/// <summary>A ProblemDetails answer of the API, as the pages show it: the title, field errors by JSON path, the code.</summary>
public sealed record ApiProblem(int Status, string Title, string? Detail, string? Code, IReadOnlyDictionary<string, string[]> Errors)
{
    public static readonly ApiProblem Unreachable = new(0, "无法连接服务器，请检查网络后重试。", null, null, Empty);
    public static readonly ApiProblem SessionExpired = new(401, "登录已过期，请重新登录。", null, null, Empty);

    private static IReadOnlyDictionary<string, string[]> Empty => new Dictionary<string, string[]>();

    /// <summary>A refused import's bad rows, numbered as in the spreadsheet (the header is row 1).</summary>
    public IReadOnlyList<ApiRowError> RowErrors { get; init; } = [];

    /// <summary>The messages for one field (case-insensitive path such as <c>beneficiary.phone</c>), or null.</summary>
    public string? For(string field) =>
        Errors.FirstOrDefault(e => string.Equals(e.Key, field, StringComparison.OrdinalIgnoreCase)).Value is { Length: > 0 } m ? string.Join(" ", m) : null;

    /// <summary>What to show above a form: the title, and the field errors no input shows.</summary>
    public string Summary(params string[] shownFields)
    {
        var others = Errors.Where(e => !shownFields.Contains(e.Key, StringComparer.OrdinalIgnoreCase)).SelectMany(e => e.Value).ToList();
        return others.Count == 0 ? Title : Title + " " + string.Join(" ", others);
    }

    public static async Task<ApiProblem> ReadAsync(HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        try
        {
            var body = await response.Content.ReadAsStringAsync();
            using var doc = JsonDocument.Parse(body);
            var root = doc.RootElement;
            var title = root.TryGetProperty("title", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : Fallback(status);
            var detail = root.TryGetProperty("detail", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
            var code = root.TryGetProperty("code", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
            var errors = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase);
            if (root.TryGetProperty("errors", out var e) && e.ValueKind == JsonValueKind.Object)
                foreach (var field in e.EnumerateObject())
                    errors[field.Name] = field.Value.ValueKind == JsonValueKind.Array
                        ? field.Value.EnumerateArray().Select(v => v.ToString()).ToArray()
                        : [field.Value.ToString()];
            var rowErrors = root.TryGetProperty("rowErrors", out var r) && r.ValueKind == JsonValueKind.Array
                ? r.EnumerateArray().Select(x => new ApiRowError(x.GetProperty("row").GetInt32(), x.GetProperty("message").GetString() ?? "")).ToList()
                : [];
            return new ApiProblem(status, title, detail, code, errors) { RowErrors = rowErrors };
        }
        catch (JsonException)
        {
            return new ApiProblem(status, Fallback(status), null, null, Empty);
        }
    }

    private static string Fallback(int status) => (HttpStatusCode)status switch
    {
        HttpStatusCode.Forbidden => "没有权限进行该操作。",
        HttpStatusCode.NotFound => "找不到该内容，可能已被删除。",
        HttpStatusCode.TooManyRequests => "操作过于频繁，请稍后再试。",
        _ when status >= 500 => "服务器出错了，请稍后重试。",
        _ => "操作未能完成，请稍后重试。",
    };
}

public sealed record ApiRowError(int Row, string Message);

public sealed class ApiException(ApiProblem problem) : Exception(problem.Title)
{
    public ApiProblem Problem { get; } = problem;
}
