using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using WeChatWish.Api.WeChat;

namespace WeChatWish.Api.Intake;

public static class IntakeExtensions
{
    /// <summary>The wish-intake conversation: what <c>/wechat</c> does with each push.</summary>
    public static IHostApplicationBuilder AddIntake(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<IntakeOptions>().BindConfiguration(IntakeOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<IntakeOptions>, IntakeOptionsValidator>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ConversationStore>();
        builder.Services.AddSingleton<IntakeTexts>();
        builder.Services.AddScoped<DraftSteps>();
        builder.Services.AddScoped<IntakeSubmitter>();
        builder.Services.AddScoped<OfferSteps>();
        builder.Services.AddScoped<WishProgress>();
        builder.Services.AddScoped<FollowerEvents>();
        builder.Services.AddScoped<IntakeFlow>();
        builder.Services.AddScoped<IWeChatMessageHandler, IntakeHandler>();
        return builder;
    }
}

/// <summary>Start-up stops naming each inconsistent Intake setting.</summary>
public sealed class IntakeOptionsValidator : IValidateOptions<IntakeOptions>
{
    public ValidateOptionsResult Validate(string? name, IntakeOptions options) =>
        options.Problems().ToList() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
}
