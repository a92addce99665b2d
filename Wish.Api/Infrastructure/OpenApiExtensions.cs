using Microsoft.Extensions.Options;
using Scalar.AspNetCore;

namespace WeChatWish.Api.Infrastructure;

/// <summary>The <c>ApiDocs</c> section: whether /openapi and /scalar are served (on in Development, off by default elsewhere).</summary>
public sealed class ApiDocsOptions
{
    public const string SectionName = "ApiDocs";

    public bool? Enabled { get; set; }

    /// <summary>The address the document names as its server, e.g. https://wish.example.org; none (relative) when unset.</summary>
    public Uri? PublicUrl { get; set; }
}

public static class OpenApiExtensions
{
    public static IHostApplicationBuilder AddApiDocs(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ApiDocsOptions>().BindConfiguration(ApiDocsOptions.SectionName);
        builder.Services.AddOpenApi(options => options.AddDocumentTransformer((document, context, _) =>
        {
            // The document named the server after the request's Host header, so a forged Host came back in it.
            var docs = context.ApplicationServices.GetRequiredService<IOptions<ApiDocsOptions>>().Value;
            document.Servers = docs.PublicUrl is { } url ? [new Microsoft.OpenApi.OpenApiServer { Url = url.ToString().TrimEnd('/') }] : [];
            return Task.CompletedTask;
        }));
        return builder;
    }

    /// <summary>
    /// The contract at /openapi/v1.json and Scalar at /scalar, where <c>ApiDocs:Enabled</c> allows (deploy/run.sh's local run
    /// turns it on); a production deployment shows no map of its API unless asked to.
    /// </summary>
    public static IEndpointRouteBuilder MapApiDocs(this WebApplication app)
    {
        var enabled = app.Services.GetRequiredService<IOptions<ApiDocsOptions>>().Value.Enabled ?? app.Environment.IsDevelopment();
        if (!enabled) return app;
        app.MapOpenApi();
        app.MapScalarApiReference();
        return app;
    }
}
