namespace WeChatWish.Api.Infrastructure;

/// <summary>
/// Headers every answer carries: no content-type sniffing, never framed (clickjacking of the console), no referrer leaving
/// the site; and no-store on the API's answers, which carry personal data, except the public and reference lists.
/// </summary>
public static class SecurityHeaders
{
    private static readonly string[] Cacheable = ["/api/public", "/api/districts", "/api/categories"];

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((http, next) =>
    {
        http.Response.OnStarting(() =>
        {
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "no-referrer";
            if (!headers.ContainsKey("Content-Security-Policy")) headers.ContentSecurityPolicy = "frame-ancestors 'none'";
            var path = http.Request.Path;
            if (path.StartsWithSegments("/api") && !Cacheable.Any(c => path.StartsWithSegments(c)))
            {
                headers.CacheControl = "no-store";
                headers.Pragma = "no-cache";
            }
            return Task.CompletedTask;
        });
        return next();
    });
}
