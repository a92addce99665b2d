using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace WeChatWish.Api.Data;

/// <summary>Lets <c>dotnet ef</c> build the context without starting the host.</summary>
public sealed class WishDbContextFactory : IDesignTimeDbContextFactory<WishDbContext>
{
    public const string DefaultConnectionString = "Host=127.0.0.1;Port=5432;Database=wechatwish;Username=postgres;Password=postgres";

    public WishDbContext CreateDbContext(string[] args)
    {
        var connectionString = Environment.GetEnvironmentVariable("ConnectionStrings__Postgres") ?? DefaultConnectionString;
        return new WishDbContext(new DbContextOptionsBuilder<WishDbContext>().UseNpgsql(connectionString).Options);
    }
}
