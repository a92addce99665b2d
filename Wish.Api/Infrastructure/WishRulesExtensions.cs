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
        builder.Services.AddOptions<WishRules>().BindConfiguration(SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<WishRules>, WishRulesValidator>();
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<WishRules>>().Value);
        // Singletons: building a validator's rules costs more than the request it checks; validators depend only on singletons.
        builder.Services.AddValidatorsFromAssemblyContaining<Program>(ServiceLifetime.Singleton, includeInternalTypes: true);
        return builder;
    }
}

/// <summary>Start-up stops naming each rule <see cref="WishRules.Validate"/> finds broken.</summary>
public sealed class WishRulesValidator : IValidateOptions<WishRules>
{
    public ValidateOptionsResult Validate(string? name, WishRules rules) =>
        rules.Validate() is { Count: > 0 } problems
            ? ValidateOptionsResult.Fail(problems.Select(p => $"{WishRulesExtensions.SectionName} is inconsistent: {p}"))
            : ValidateOptionsResult.Success;
}
