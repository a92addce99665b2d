using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using WeChatWish.Api.Data;
using WeChatWish.Api.Infrastructure;
using WeChatWish.Domain;

namespace WeChatWish.Tests.Infrastructure;

public static class TestSeed
{
    /// <summary>Re-seeds what start-up seeds (districts, the admin), after Respawn emptied the tables.</summary>
    public static async Task SeedAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WishDbContext>();
        await DatabaseInitializer.SeedAsync(db, scope.ServiceProvider.GetRequiredService<IPasswordHasher<StaffUser>>(),
            new SeedOptions { AdminPassword = TestWeChat.AdminPassword }, TimeProvider.System, NullLogger.Instance);
    }
}
