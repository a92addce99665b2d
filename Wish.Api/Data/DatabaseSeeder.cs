using Microsoft.EntityFrameworkCore;
using WeChatWish.Domain;

namespace WeChatWish.Api.Data;

/// <summary>Reference data every installation needs. Idempotent and safe when several instances start at once.</summary>
public static class DatabaseSeeder
{
    /// <summary>Inserts the seed districts that are missing (names of existing ones are left as staff set them); returns how many were added.</summary>
    public static async Task<int> SeedAsync(WishDbContext db, CancellationToken cancellationToken = default)
    {
        var added = 0;
        foreach (var (code, name) in District.Seed)
            added += await db.Database.ExecuteSqlAsync($"""
                INSERT INTO "Districts" ("Code", "Name") VALUES ({code}, {name})
                ON CONFLICT ("Code") DO NOTHING
                """, cancellationToken);
        return added;
    }
}
