using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace WeChatWish.Api.Infrastructure;

public static class ProblemDetailsExtensions
{
    public static IHostApplicationBuilder AddApiDefaults(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<JsonOptions>(options =>
        {
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        });
        builder.Services.AddProblemDetails(options =>
            options.CustomizeProblemDetails = context =>
            {
                // Every error carries a title a person can read; keep a specific title when one was set.
                var status = context.ProblemDetails.Status ?? context.HttpContext.Response.StatusCode;
                if (context.ProblemDetails.Title is null || IsDefaultTitle(context.ProblemDetails.Title))
                    context.ProblemDetails.Title = ChineseTitle(status);
                context.ProblemDetails.Extensions["traceId"] = context.HttpContext.TraceIdentifier;
            });
        builder.Services.AddExceptionHandler<ProblemDetailsExceptionHandler>();
        // Binding failures (JSON that does not parse or fit, a query value of the wrong type) are thrown to the handler above,
        // which says which field and what was expected, instead of being answered with a bare 400.
        builder.Services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return builder;
    }

    public static WebApplication UseApiDefaults(this WebApplication app)
    {
        app.UseSecurityHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        return app;
    }

    /// <summary>An error an endpoint answers itself rather than throws, with its <c>code</c> (one of <c>DomainErrorCodes</c>).</summary>
    public static ProblemHttpResult CodedProblem(int status, string title, string code) => TypedResults.Problem(
        statusCode: status, title: title, extensions: new Dictionary<string, object?> { ["code"] = code });

    public static string ChineseTitle(int status) => status switch
    {
        400 => "请求有误",
        401 => "请先登录",
        403 => "没有权限",
        404 => "找不到该资源",
        405 => "不支持该请求方法",
        409 => "操作冲突",
        413 => "请求内容过大",
        415 => "不支持的内容类型",
        422 => "不符合规则",
        423 => "账号已锁定",
        429 => "请求过于频繁，请稍后再试",
        503 => "服务暂时不可用，请稍后再试",
        _ when status >= 500 => "服务器内部错误",
        _ => "请求未能完成",
    };

    private static bool IsDefaultTitle(string title) => title.Length > 0 && title[0] < 0x80;
}
