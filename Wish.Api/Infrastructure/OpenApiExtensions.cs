using Scalar.AspNetCore;

namespace WeChatWish.Api.Infrastructure;

public static class OpenApiExtensions
{
    public static IHostApplicationBuilder AddApiDocs(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOpenApi();
        return builder;
    }

    /// <summary>The contract at /openapi/v1.json and Scalar at /scalar; the mini-program and staff console teams read both.</summary>
    public static IEndpointRouteBuilder MapApiDocs(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi();
        app.MapScalarApiReference();
        return app;
    }
}
