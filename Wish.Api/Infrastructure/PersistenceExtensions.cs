using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Wish.Api.Data;

namespace Wish.Api.Infrastructure;

public static class PersistenceExtensions
{
    public static IHostApplicationBuilder AddPersistence(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ConnectionStringsOptions>()
            .BindConfiguration(ConnectionStringsOptions.SectionName)
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ConnectionStringsOptions>, ConnectionStringsOptionsValidator>();
        builder.Services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.SectionName);

        builder.Services.AddDbContextPool<WishDbContext>((sp, options) =>
            options.UseNpgsql(sp.GetRequiredService<IOptions<ConnectionStringsOptions>>().Value.Postgres));

        builder.Services.AddHostedService<DatabaseInitializer>();
        return builder;
    }
}
