namespace WeChatWish.Api.LoveBank;

/// <summary>The love bank (DESIGN.md §9): the ledger and balance, the rewards catalogue and redemptions, the passbook.</summary>
public static class LoveBankExtensions
{
    public static IHostApplicationBuilder AddLoveBank(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<RewardOptions>().BindConfiguration(RewardOptions.SectionName);
        builder.Services.AddScoped<LoveBankLedger>();
        builder.Services.AddScoped<Redemptions>();
        builder.Services.AddHostedService<RedemptionExpiryService>();
        return builder;
    }

    public static IEndpointRouteBuilder MapLoveBank(this IEndpointRouteBuilder app) => app.MapRewards().MapPassbook();
}
