using Microsoft.EntityFrameworkCore;
using WeChatWish.Domain;

namespace WeChatWish.Api.Data;

/// <summary>
/// Hands out wish codes per round (W202612-0001, -0002, …) with one atomic upsert, safe across instances.
/// Call it inside the transaction that inserts the wish to keep codes gap-free; on its own it commits at once,
/// and a wish that then fails to save leaves a gap (harmless: codes need only be unique).
/// </summary>
public sealed class WishCodeAllocator(WishDbContext db)
{
    public async Task<int> NextSequenceAsync(Round round, CancellationToken cancellationToken = default)
    {
        var values = await db.Database.SqlQuery<int>($"""
            INSERT INTO "WishCodeCounters" ("Round", "Last") VALUES ({round.Value}, 1)
            ON CONFLICT ("Round") DO UPDATE SET "Last" = "WishCodeCounters"."Last" + 1
            RETURNING "Last" AS "Value"
            """).ToListAsync(cancellationToken);
        return values[0];
    }

    /// <summary>
    /// Reserves <paramref name="count"/> consecutive sequences at once (a background import's rows) and returns the first. It commits
    /// on a connection of its own at once: inside the import's transaction the counter row would stay locked through the import's
    /// seconds of COPY, and every wish sent on WeChat meanwhile would wait past the official account's 5 s answer. An import that
    /// fails after this leaves a gap in the round's codes.
    /// </summary>
    public async Task<int> ReserveBlockAsync(Round round, int count, CancellationToken cancellationToken = default)
    {
        await using var connection = new Npgsql.NpgsqlConnection(db.Database.GetConnectionString());
        await connection.OpenAsync(cancellationToken);
        await using var command = new Npgsql.NpgsqlCommand("""
            INSERT INTO "WishCodeCounters" ("Round", "Last") VALUES (@round, @count)
            ON CONFLICT ("Round") DO UPDATE SET "Last" = "WishCodeCounters"."Last" + @count
            RETURNING "Last"
            """, connection);
        command.Parameters.AddWithValue("round", round.Value);
        command.Parameters.AddWithValue("count", count);
        var last = (int)(await command.ExecuteScalarAsync(cancellationToken))!;
        return last - count + 1;
    }

    /// <summary>The next code for the round, e.g. <c>W202612-0042</c>.</summary>
    public async Task<string> NextCodeAsync(Round round, CancellationToken cancellationToken = default) =>
        WishCode.Format(round, await NextSequenceAsync(round, cancellationToken));
}
