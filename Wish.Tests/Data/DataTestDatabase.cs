using Microsoft.EntityFrameworkCore;
using Npgsql;
using WeChatWish.Api.Data;
using WeChatWish.Domain;
using WeChatWish.Tests.Domain;
using WeChatWish.Tests.Infrastructure;

namespace WeChatWish.Tests.Data;

/// <summary>
/// A database of its own for the persistence tests (the test database's name + "_data"), dropped and migrated
/// once before them, so they never clash with the HTTP tests' database. Tests use fresh ids and codes instead of resets.
/// </summary>
[SetUpFixture]
public sealed class DataTestDatabase
{
    /// <summary>The HTTP tests' database name with a suffix, so parallel checkouts with their own test database never share it.</summary>
    public static readonly string DatabaseName = new NpgsqlConnectionStringBuilder(TestEnvironment.PostgresConnectionString).Database + "_data";

    public static readonly Round TestRound = new(2026, 12);

    public static string ConnectionString { get; } =
        new NpgsqlConnectionStringBuilder(TestEnvironment.PostgresConnectionString) { Database = DatabaseName }.ConnectionString;

    public static WishDbContext CreateContext() =>
        new(new DbContextOptionsBuilder<WishDbContext>().UseNpgsql(ConnectionString).Options);

    [OneTimeSetUp]
    public async Task RecreateAsync()
    {
        await using var db = CreateContext();
        await db.Database.EnsureDeletedAsync();
        await db.Database.MigrateAsync();
    }

    /// <summary>A published wish of a new beneficiary, saved.</summary>
    public static async Task<Wish> SavePublishedWishAsync()
    {
        await using var db = CreateContext();
        var beneficiary = Beneficiary.Create("王建国", "13900000000", "鼓楼区某街1号", null, "gulou", null, Given.Now);
        var code = await new WishCodeAllocator(db).NextCodeAsync(TestRound);
        var wish = Wish.Submit(
            new NewWish(beneficiary.Id, WishChannel.Hotline, WishCategory.ElderlyAlone, WishKind.Goods, "gulou", "想要一个取暖器", 120m),
            code, Given.Rules, [], Given.Reviewer, Given.Now);
        wish.Verify(Urgency.Urgent, null, null, null, Given.Reviewer, Given.Now.AddDays(1));
        wish.Publish(Given.Reviewer, Given.Now.AddDays(6));
        db.Beneficiaries.Add(beneficiary);
        db.Wishes.Add(wish);
        await db.SaveChangesAsync();
        return wish;
    }

    public static async Task<Volunteer> SaveVolunteerAsync()
    {
        await using var db = CreateContext();
        var volunteer = Given.CompleteVolunteer();
        db.Volunteers.Add(volunteer);
        await db.SaveChangesAsync();
        return volunteer;
    }
}
