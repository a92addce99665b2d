using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WeChatWish.Api.Data;
using WeChatWish.Domain;

namespace WeChatWish.Api.Infrastructure;

/// <summary>The <c>Seed</c> section: what a first run needs.</summary>
public sealed class SeedOptions
{
    public const string SectionName = "Seed";

    /// <summary>Password of the first staff account <c>admin</c>; generated and printed once when empty.</summary>
    public string? AdminPassword { get; set; }
}

/// <summary>Applies migrations and seeds districts and the first admin, before the server takes requests.</summary>
public sealed class DatabaseInitializer(
    IServiceScopeFactory scopes, IOptions<DatabaseOptions> options, IOptions<SeedOptions> seed,
    TimeProvider clock, ILogger<DatabaseInitializer> logger) : IHostedService
{
    public const string AdminUserName = "admin";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.InitializeOnStartup) return;

        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WishDbContext>();
        logger.LogInformation("Applying database migrations");
        // Index builds and backfills over millions of rows outlast the 30 s a request may take; for this context only.
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
        await db.Database.MigrateAsync(cancellationToken);
        await SeedAsync(db, scope.ServiceProvider.GetRequiredService<IPasswordHasher<StaffUser>>(), seed.Value, clock, logger, cancellationToken);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Idempotent: districts that are missing, and the admin account when no admin exists yet.</summary>
    public static async Task SeedAsync(WishDbContext db, IPasswordHasher<StaffUser> hasher, SeedOptions seed, TimeProvider clock,
        ILogger logger, CancellationToken cancellationToken = default)
    {
        await DatabaseSeeder.SeedAsync(db, cancellationToken);
        if (await db.StaffUsers.AnyAsync(s => s.Role == StaffRole.Admin, cancellationToken)) return;

        var generated = string.IsNullOrEmpty(seed.AdminPassword);
        var password = generated ? GeneratePassword() : seed.AdminPassword!;
        var admin = StaffUser.Create(AdminUserName, "pending", StaffRole.Admin, null, clock.GetUtcNow());
        admin.ChangePassword(hasher.HashPassword(admin, password));
        db.StaffUsers.Add(admin);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another instance seeded the admin at the same moment.
            db.ChangeTracker.Clear();
            return;
        }
        if (generated)
            // Printed once, on the run that creates the account; it is not stored anywhere in clear.
            Console.WriteLine($"[seed] created staff account '{AdminUserName}' with password: {password}");
        else
            logger.LogInformation("Created staff account {UserName} with the password from configuration", AdminUserName);
    }

    private static string GeneratePassword() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(15)).Replace('+', 'x').Replace('/', 'y');
}
