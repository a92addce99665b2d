using System.Text.RegularExpressions;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace WeChatWish.Api.StaffConsole;

/// <summary>
/// The staff console (Wish.Console, Blazor WebAssembly) at <c>/console</c>: its published files, Brotli or gzip as the browser
/// accepts, fingerprinted ones cached for a year, and the index page for every other path under it so deep links load the app.
/// It is a client of the REST API like any other: nothing here knows a page or a user.
/// </summary>
public static partial class StaffConsoleExtensions
{
    public const string BasePath = "/console";

    public static IHostApplicationBuilder AddStaffConsole(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<StaffConsoleOptions>().BindConfiguration(StaffConsoleOptions.SectionName);
        builder.Services.AddSingleton<StaffConsoleFiles>();
        return builder;
    }

    public static WebApplication MapStaffConsole(this WebApplication app)
    {
        app.MapGet(BasePath + "/{**path}", (string? path, HttpContext http, StaffConsoleFiles files) => files.Serve(path ?? "", http))
            .ExcludeFromDescription();
        return app;
    }

    // Names such as blazor.webassembly.w3qd1tpl0e.js or dotnet.native.2xa4b1c9de.wasm change whenever their content does.
    [GeneratedRegex(@"\.[a-z0-9]{10}\.[A-Za-z0-9]+$")]
    internal static partial Regex Fingerprinted();
}

/// <summary>Serves the published console from disk; looks the folder up on each request, so publishing again needs no restart.</summary>
public sealed class StaffConsoleFiles(IOptions<StaffConsoleOptions> options, IWebHostEnvironment environment)
{
    public const string MissingTitle = "工作台尚未发布：请运行 deploy/console.sh（deploy/run.sh 会自动运行）。";

    private static readonly FileExtensionContentTypeProvider ContentTypes = new() { Mappings = { [".dat"] = "application/octet-stream" } };

    private readonly string _root = Path.GetFullPath(Path.Combine(environment.ContentRootPath, options.Value.Root));

    public IResult Serve(string path, HttpContext http)
    {
        var provider = new PhysicalFileProvider(_root, Microsoft.Extensions.FileProviders.Physical.ExclusionFilters.Sensitive);
        var file = path.Length == 0 ? null : provider.GetFileInfo(path);
        if (file is not { Exists: true, IsDirectory: false })
        {
            // A path with an extension names a file: a missing one is a 404, not the app.
            if (Path.HasExtension(path)) return TypedResults.NotFound();
            path = "index.html";
            file = provider.GetFileInfo(path);
            if (!file.Exists) return TypedResults.Problem(title: MissingTitle, statusCode: StatusCodes.Status503ServiceUnavailable);
        }

        var headers = http.Response.Headers;
        headers[HeaderNames.CacheControl] = path != "index.html" && StaffConsoleExtensions.Fingerprinted().IsMatch(path)
            ? "public, max-age=31536000, immutable"
            : "no-cache";
        headers.Vary = HeaderNames.AcceptEncoding;
        headers.XContentTypeOptions = "nosniff";
        var contentType = ContentTypes.TryGetContentType(path, out var type) ? type : "application/octet-stream";
        if (contentType.StartsWith("text/", StringComparison.Ordinal) && !contentType.Contains("charset")) contentType += "; charset=utf-8";

        var accepts = http.Request.Headers.AcceptEncoding.ToString();
        foreach (var (encoding, suffix) in new[] { ("br", ".br"), ("gzip", ".gz") })
        {
            if (!accepts.Contains(encoding, StringComparison.OrdinalIgnoreCase)) continue;
            var compressed = provider.GetFileInfo(path + suffix);
            if (!compressed.Exists) continue;
            headers.ContentEncoding = encoding;
            file = compressed;
            break;
        }
        return TypedResults.Stream(file.CreateReadStream(), contentType, lastModified: file.LastModified,
            entityTag: new EntityTagHeaderValue($"\"{file.LastModified.UtcTicks:x}-{file.Length:x}\""));
    }
}
