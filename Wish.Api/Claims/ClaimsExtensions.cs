namespace WeChatWish.Api.Claims;

public static class ClaimsExtensions
{
    public static IHostApplicationBuilder AddClaims(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ClaimOptions>().BindConfiguration(ClaimOptions.SectionName)
            .Validate(o => o.LockTtl > TimeSpan.Zero && o.TakenTtl > TimeSpan.Zero && o.LocalTakenTtl >= TimeSpan.Zero && o.LocalTakenTtl <= o.TakenTtl
                    && o.DatabaseThreads is > 0 and <= 64,
                "Claims:LockTtl and Claims:TakenTtl must be positive, Claims:LocalTakenTtl between zero and TakenTtl, Claims:DatabaseThreads 1 to 64")
            .ValidateOnStart();
        builder.Services.AddOptions<ClaimLeaseOptions>().BindConfiguration(ClaimLeaseOptions.SectionName)
            .Validate(o => o.Interval > TimeSpan.Zero && o.BatchSize > 0, "ClaimLeases:Interval and ClaimLeases:BatchSize must be positive")
            .ValidateOnStart();
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
