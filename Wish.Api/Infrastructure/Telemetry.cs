using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using WeChatWish.Api.Claims;
using WeChatWish.Api.Intake;
using WeChatWish.Api.Notifications;

namespace WeChatWish.Api.Infrastructure;

/// <summary>
/// The <c>Telemetry</c> section. Traces and metrics are collected only where something reads them (OTLP, Prometheus, or a
/// test), so an instance that exports nothing pays nothing for spans in the claim storm.
/// </summary>
public sealed class TelemetryOptions
{
    public const string SectionName = "Telemetry";

    /// <summary>Collect spans (HTTP in and out, Npgsql, Redis). Default: when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set.</summary>
    public bool? Tracing { get; set; }

    /// <summary>A Prometheus scrape endpoint at <see cref="PrometheusPath"/>. Off by default: open it to the scraper only.</summary>
    public bool Prometheus { get; set; }

    public string PrometheusPath { get; set; } = "/metrics";

    /// <summary>"json" (one JSON object a line, with trace and span ids) or "simple"; default json in Production.</summary>
    public string? ConsoleFormat { get; set; }
}

public sealed class TelemetryOptionsValidator : IValidateOptions<TelemetryOptions>
{
    public ValidateOptionsResult Validate(string? name, TelemetryOptions options)
    {
        var failures = new List<string>();
        if (!options.PrometheusPath.StartsWith('/') || options.PrometheusPath.Length < 2)
            failures.Add("Telemetry:PrometheusPath must be a path such as /metrics");
        if (options.ConsoleFormat is not (null or "json" or "simple"))
            failures.Add("Telemetry:ConsoleFormat must be json or simple");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

public static class TelemetryExtensions
{
    public const string ServiceName = "wechatwish";

    /// <summary>The service's own meters; the rest (ASP.NET Core, HttpClient, Npgsql, runtime) come with their instrumentation.</summary>
    public static readonly string[] Meters = [ClaimMetrics.MeterName, NotificationMetrics.MeterName, IntakeMetrics.MeterName];

    public static IHostApplicationBuilder AddTelemetry(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<TelemetryOptions>, TelemetryOptionsValidator>();
        builder.Services.AddMetrics();
        builder.Services.AddSingleton<IntakeMetrics>();

        var settings = builder.Configuration.GetSection(TelemetryOptions.SectionName).Get<TelemetryOptions>() ?? new TelemetryOptions();
        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]);
        var tracing = settings.Tracing ?? otlp;

        ConfigureConsoleLogs(builder, settings);
        if (!tracing && !otlp && !settings.Prometheus) return builder;

        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(ServiceName, serviceInstanceId: $"{Environment.MachineName}:{Environment.ProcessId}"));
        otel.WithMetrics(metrics =>
        {
            metrics.AddMeter(Meters)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddNpgsqlInstrumentation();
            if (settings.Prometheus) metrics.AddPrometheusExporter();
        });
        if (tracing)
        {
            otel.WithTracing(traces => traces
                // Health probes every few seconds would drown the traces that matter.
                .AddAspNetCoreInstrumentation(o => o.Filter = http => !http.Request.Path.StartsWithSegments("/health"))
                .AddHttpClientInstrumentation()
                .AddNpgsql()
                // Command names only (the default): keys carry openids (intake:{openid}:conv), so statements stay off.
                .AddRedisInstrumentation(o => o.SetVerboseDatabaseStatements = false));
        }
        // OTEL_EXPORTER_OTLP_ENDPOINT (and the other OTEL_EXPORTER_OTLP_* variables) decide where; logs go there too.
        if (otlp) otel.UseOtlpExporter();
        return builder;
    }

    /// <summary>The Prometheus scrape endpoint, when <see cref="TelemetryOptions.Prometheus"/> is on.</summary>
    public static IEndpointRouteBuilder MapTelemetry(this IEndpointRouteBuilder app)
    {
        var options = app.ServiceProvider.GetRequiredService<IOptions<TelemetryOptions>>().Value;
        if (options.Prometheus) app.MapPrometheusScrapingEndpoint(options.PrometheusPath);
        return app;
    }

    /// <summary>
    /// In Production one JSON object a line, for a log collector to parse; scopes carry the trace and span ids of the request
    /// (ASP.NET Core's logging tracks the current Activity even without the tracing SDK), so a log line leads to its trace.
    /// </summary>
    private static void ConfigureConsoleLogs(IHostApplicationBuilder builder, TelemetryOptions settings)
    {
        var format = settings.ConsoleFormat ?? (builder.Environment.IsProduction() ? "json" : "simple");
        builder.Logging.Configure(o => o.ActivityTrackingOptions =
            ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId);
        if (format != "json") return;
        builder.Logging.AddJsonConsole(o =>
        {
            o.IncludeScopes = true;
            o.UseUtcTimestamp = true;
            o.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z' ";
        });
        builder.Services.Configure<ConsoleLoggerOptions>(o => o.FormatterName = ConsoleFormatterNames.Json);
    }
}
