using WeChatWish.Api.ReferenceData;

namespace WeChatWish.Api.Wishes;

public static class WishesExtensions
{
    /// <summary>What every channel that takes wishes in shares.</summary>
    public static IHostApplicationBuilder AddWishSubmission(this IHostApplicationBuilder builder)
    {
        builder.Services.AddMemoryCache();
        builder.Services.AddSingleton<DistrictDirectory>();
        builder.Services.AddScoped<WishSubmissionService>();
        return builder;
    }
}
