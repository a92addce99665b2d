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
        builder.Services.AddDbContextPool<WishDbContext>((sp, options) => options
            .UseNpgsql(sp.GetRequiredService<IOptions<ConnectionStringsOptions>>().Value.Postgres)
            .AddInterceptors(sp.GetRequiredService<AuditStatusChangesInterceptor>()));

        builder.Services.AddHostedService<DatabaseInitializer>();
        return builder;
    }
}
