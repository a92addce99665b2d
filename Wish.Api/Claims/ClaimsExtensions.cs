using Microsoft.Extensions.Options;

namespace WeChatWish.Api.Claims;

public static class ClaimsExtensions
{
    public static IHostApplicationBuilder AddClaims(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ClaimOptions>().BindConfiguration(ClaimOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ClaimOptions>, ClaimOptionsValidator>();
        builder.Services.AddOptions<ClaimLeaseOptions>().BindConfiguration(ClaimLeaseOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ClaimLeaseOptions>, ClaimLeaseOptionsValidator>();
        builder.Services.AddMetrics();
        builder.Services.AddSingleton<ClaimMetrics>();
        builder.Services.AddSingleton<ClaimGate>();
        builder.Services.AddSingleton<ClaimDatabaseLane>();
        builder.Services.AddScoped<ClaimService>();
        builder.Services.AddScoped<MyClaimsService>();
        builder.Services.AddSingleton<ClaimLeaseSweeper>();
        builder.Services.AddHostedService<ClaimLeaseService>();
        return builder;
    }
}
