using Microsoft.Extensions.Options;
using Npgsql;
using WeChatWish.Api.Infrastructure;

namespace WeChatWish.Api.Notifications;

public static class NotificationsExtensions
{
    /// <summary>The durable pipeline: the lifecycle notifier and delivery recorder, and the dispatcher that sends what they enqueue.</summary>
    public static IHostApplicationBuilder AddNotifications(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<NotificationOptions>().BindConfiguration(NotificationOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<NotificationOptions>, NotificationOptionsValidator>();
        services.AddSingleton(sp => NpgsqlDataSource.Create(sp.GetRequiredService<IOptions<ConnectionStringsOptions>>().Value.Postgres));
        services.AddSingleton<NotificationStore>();
        services.AddSingleton<NotificationMetrics>();
        services.AddSingleton<NotificationSender>();
        services.AddSingleton<NotificationDispatcher>();
        services.AddScoped<NotificationErasure>();
        services.AddHostedService(sp => sp.GetRequiredService<NotificationDispatcher>());
        services.AddScoped<ILifecycleNotifier, DurableLifecycleNotifier>();
        services.AddScoped<ITemplateDeliveryRecorder, DurableTemplateDeliveryRecorder>();
        return builder;
    }
}
