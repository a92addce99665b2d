using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Wish.Api.Notifications;
using Wish.Api.WeChat;

namespace Wish.Api.Intake;

public static class IntakeExtensions
{
    /// <summary>The wish-intake conversation behind <c>/wechat</c>, in place of the default help reply.</summary>
    public static IHostApplicationBuilder AddIntake(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<IntakeOptions>().BindConfiguration(IntakeOptions.SectionName)
            .Validate(o => !o.Problems().Any(), "Intake settings are inconsistent (see IntakeOptions.Problems)")
            .ValidateOnStart();
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ConversationStore>();
        builder.Services.AddSingleton<IntakeRateLimiter>();
        builder.Services.AddSingleton<IntakeTexts>();
        builder.Services.AddScoped<DraftSteps>();
        builder.Services.AddScoped<IntakeSubmitter>();
        builder.Services.AddScoped<WishProgress>();
        builder.Services.AddScoped<FollowerEvents>();
        builder.Services.AddScoped<IntakeFlow>();
        builder.Services.TryAddScoped<ITemplateDeliveryRecorder, LoggingTemplateDeliveryRecorder>();
        builder.Services.Replace(ServiceDescriptor.Scoped<IWeChatMessageHandler, IntakeHandler>());
        return builder;
    }
}
