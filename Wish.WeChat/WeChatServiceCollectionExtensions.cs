using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace WeChatWish.WeChat;

public static class WeChatServiceCollectionExtensions
{
    /// <summary>
    /// The WeChat API: options from the <c>WeChat</c> section (validated at start), the shared access-token store
    /// and the typed clients. The host registers <see cref="StackExchange.Redis.IConnectionMultiplexer"/>.
    /// </summary>
    public static IHostApplicationBuilder AddWeChatApi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddWeChatApi(builder.Configuration);
        return builder;
    }

    /// <param name="configuration">The root configuration; the <c>WeChat</c> section is read from it.</param>
    public static IServiceCollection AddWeChatApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<WeChatOptions>()
            .Bind(configuration.GetSection(WeChatOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WeChatOptions>, WeChatOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<AccessTokenFetcher>();
        services.TryAddSingleton<IAccessTokenStore, RedisAccessTokenStore>();

        services.AddHttpClient(AccessTokenFetcher.HttpClientName, ConfigureClient);
        services.AddHttpClient<OfficialAccountClient>(ConfigureClient);
        services.AddHttpClient<MiniProgramClient>(ConfigureClient);
        return services;
    }

    private static void ConfigureClient(IServiceProvider services, HttpClient client)
    {
        var options = services.GetRequiredService<IOptions<WeChatOptions>>().Value;
        // A trailing slash keeps relative paths such as "cgi-bin/token" under any path in the base URL.
        client.BaseAddress = new Uri(options.ApiBaseUrl.TrimEnd('/') + "/");
        client.MaxResponseContentBufferSize = 1024 * 1024;
    }
}
