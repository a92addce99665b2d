using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using WeChatWish.Api.Infrastructure;
using WeChatWish.Domain;

namespace WeChatWish.Api.Auth;

/// <summary>The <c>SignInLimits</c> section: sign-in attempts a minute, from one client address and from all of them together.</summary>
public sealed class SignInLimitOptions
{
    public const string SectionName = "SignInLimits";

    public int PerAddressPerMinute { get; set; } = 10;

    public int TotalPerMinute { get; set; } = 300;
}

public sealed class SignInLimitOptionsValidator : IValidateOptions<SignInLimitOptions>
{
    public ValidateOptionsResult Validate(string? name, SignInLimitOptions options)
    {
        var failures = new List<string>();
        if (options.PerAddressPerMinute is < 1 or > 1_000_000) failures.Add("SignInLimits:PerAddressPerMinute must be 1 to 1000000");
        if (options.TotalPerMinute is < 1 or > 10_000_000) failures.Add("SignInLimits:TotalPerMinute must be 1 to 10000000");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

/// <summary>Marks an endpoint whose attempts ASP.NET Core's rate limiter counts: the staff and volunteer sign-ins.</summary>
public sealed class SignInAttemptMetadata;

/// <summary>
/// Throttles sign-in per client address and overall (429 with Retry-After), on top of the per-name lockout: guessing from one
/// address is slowed to a few tries a minute, and a spread-out attack is capped as a whole. Counted per instance; behind a
/// proxy the client address comes from X-Forwarded-For, which only loopback proxies are trusted to set.
/// </summary>
public static class SignInLimits
{
    public const string TooManyAttempts = "尝试次数过多，请稍后再试。";

    public static TBuilder LimitedAsSignIn<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new SignInAttemptMetadata());

    public static IHostApplicationBuilder AddSignInLimits(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<SignInLimitOptions>().BindConfiguration(SignInLimitOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<SignInLimitOptions>, SignInLimitOptionsValidator>();
        builder.Services.Configure<ForwardedHeadersOptions>(options => options.ForwardedHeaders = ForwardedHeaders.XForwardedFor);
        builder.Services.AddRateLimiter();
        builder.Services.AddOptions<RateLimiterOptions>().Configure<IOptions<SignInLimitOptions>>((options, limits) =>
        {
            options.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(http => IsSignIn(http)
                    ? Window("address:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown"), limits.Value.PerAddressPerMinute)
                    : RateLimitPartition.GetNoLimiter("")),
                PartitionedRateLimiter.Create<HttpContext, string>(http => IsSignIn(http)
                    ? Window("all", limits.Value.TotalPerMinute)
                    : RateLimitPartition.GetNoLimiter("")));
            options.OnRejected = RejectAsync;
        });
        return builder;
    }

    /// <summary>Client addresses as the proxy saw them, then the limiter; before authentication, so refused guesses cost nothing more.</summary>
    public static WebApplication UseSignInLimits(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseRateLimiter();
        return app;
    }

    private static bool IsSignIn(HttpContext http) => http.GetEndpoint()?.Metadata.GetMetadata<SignInAttemptMetadata>() is not null;

    private static RateLimitPartition<string> Window(string key, int permits) => RateLimitPartition.GetFixedWindowLimiter(key, _ =>
        new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });

    private static async ValueTask RejectAsync(OnRejectedContext context, CancellationToken cancellationToken)
    {
        var http = context.HttpContext;
        var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        var problem = new ProblemDetails { Status = StatusCodes.Status429TooManyRequests, Title = TooManyAttempts };
        problem.Extensions["code"] = DomainErrorCodes.SignInThrottled;
        await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = problem,
        });
    }
}
