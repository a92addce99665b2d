using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WeChatWish.Api.Data;
using WeChatWish.Domain;

namespace WeChatWish.Api.Infrastructure;

public static class PersistenceExtensions
{
    public static IHostApplicationBuilder AddPersistence(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ConnectionStringsOptions>()
            .BindConfiguration(ConnectionStringsOptions.SectionName)
            .ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ConnectionStringsOptions>, ConnectionStringsOptionsValidator>();
        builder.Services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.SectionName);
        builder.Services.AddOptions<SeedOptions>().BindConfiguration(SeedOptions.SectionName);
        builder.Services.AddSingleton<IPasswordHasher<StaffUser>, PasswordHasher<StaffUser>>();
        builder.Services.AddScoped<WishCodeAllocator>();

        builder.Services.AddSingleton<AuditStatusChangesInterceptor>();
        // Outside production a query EF would warn about (First or Take without OrderBy: an arbitrary row, and a warning in the
        // log on every call) fails, so the tests find it before it fills a production log.
        var strict = !builder.Environment.IsProduction();
        builder.Services.AddDbContextPool<WishDbContext>((sp, options) => options
            .UseNpgsql(sp.GetRequiredService<IOptions<ConnectionStringsOptions>>().Value.Postgres)
            .AddInterceptors(sp.GetRequiredService<AuditStatusChangesInterceptor>())
            .ConfigureWarnings(w =>
            {
                if (strict) w.Throw(CoreEventId.FirstWithoutOrderByAndFilterWarning, CoreEventId.RowLimitingOperationWithoutOrderByWarning);
            }));

        builder.Services.AddHostedService<DatabaseInitializer>();
        return builder;
    }
}
