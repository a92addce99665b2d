using FluentValidation;
using Microsoft.Extensions.Options;
using WeChatWish.Domain;

namespace WeChatWish.Api.Infrastructure;

public static class WishRulesExtensions
{
    public const string SectionName = "WishRules";

    /// <summary>The programme's numbers from the <c>WishRules</c> section (plan defaults), checked at start.</summary>
    public static IHostApplicationBuilder AddWishRules(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<WishRules>().BindConfiguration(SectionName)
            .Validate(rules => rules.Validate().Count == 0, "WishRules is inconsistent (see the limits in WishRules.Validate)")
            .ValidateOnStart();
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<WishRules>>().Value);
        // Singletons: building a validator's rules costs more than the request it checks; validators depend only on singletons.
        builder.Services.AddValidatorsFromAssemblyContaining<Program>(ServiceLifetime.Singleton, includeInternalTypes: true);
        return builder;
    }
}
