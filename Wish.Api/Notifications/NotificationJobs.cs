using Microsoft.EntityFrameworkCore;
using Npgsql;
using WeChatWish.Api.Data;
using WeChatWish.Domain;

namespace WeChatWish.Api.Notifications;

/// <summary>Creates a staff push: the job, then its recipients in one set-based INSERT … SELECT, in one transaction.</summary>
public static class NotificationJobs
{
    // Official-account recipients known to have unsubscribed get a skipped row and no call.
    private const string InsertSql = """
        INSERT INTO "NotificationRecipients" ("JobId", "OpenId", "Status", "Reason", "Attempts", "DueAt", "UpdatedAt")
        SELECT @job, x.o,
            CASE WHEN @official AND (EXISTS (SELECT 1 FROM "Followers" f WHERE f."OpenId" = x.o AND NOT f."IsFollowing")
                OR EXISTS (SELECT 1 FROM "Beneficiaries" b WHERE b."OpenId" = x.o AND b."FollowStatus" = 'Unsubscribed'))
                THEN 'Skipped' ELSE 'Pending' END,
            CASE WHEN @official AND (EXISTS (SELECT 1 FROM "Followers" f WHERE f."OpenId" = x.o AND NOT f."IsFollowing")
                OR EXISTS (SELECT 1 FROM "Beneficiaries" b WHERE b."OpenId" = x.o AND b."FollowStatus" = 'Unsubscribed'))
                THEN 'unsubscribed' END,
            0, @now, @now
        FROM ({0}) AS x(o)
        """;

    public static async Task<NotificationJob> CreateAsync(WishDbContext db, NotificationJob job, PushRecipients recipients, DateTimeOffset now,
        CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.NotificationJobs.Add(job);
        await db.SaveChangesAsync(ct);

        var (source, parameters) = Source(recipients);
        parameters.Add(new NpgsqlParameter("job", job.Id));
        parameters.Add(new NpgsqlParameter("official", job.Channel == NotificationChannel.OfficialAccount));
        parameters.Add(new NpgsqlParameter("now", now));
#pragma warning disable EF1002 // The interpolated part is one of the fixed sources below, never input.
        var total = await db.Database.ExecuteSqlRawAsync(string.Format(InsertSql, source), parameters, ct);
#pragma warning restore EF1002
        job.SetTotal(total);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return job;
    }

    /// <summary>How many a push to these recipients would create rows for (its total, skipped ones included).</summary>
    public static async Task<int> CountAsync(WishDbContext db, PushRecipients recipients, CancellationToken ct)
    {
        var (source, parameters) = Source(recipients);
#pragma warning disable EF1002 // As above: the interpolated part is one of the fixed sources.
        var counts = await db.Database.SqlQueryRaw<int>($"""SELECT count(*)::int AS "Value" FROM ({source}) AS x(o)""", parameters.ToArray())
            .ToListAsync(ct);
#pragma warning restore EF1002
        return counts[0];
    }

    private static (string Sql, List<object> Parameters) Source(PushRecipients recipients)
    {
        if (recipients.OpenIds is { } ids)
            return ("""SELECT DISTINCT unnest(@ids)""", [new NpgsqlParameter("ids", ids.Select(i => i.Trim()).ToArray())]);
        var filter = recipients.Filter!;
        var district = new NpgsqlParameter("district", NpgsqlTypes.NpgsqlDbType.Varchar) { Value = (object?)filter.DistrictCode ?? DBNull.Value };
        return filter.Group switch
        {
            RecipientGroup.Followers => ("""SELECT "OpenId" FROM "Followers" WHERE "IsFollowing" """, []),
            RecipientGroup.Volunteers => ("""SELECT DISTINCT "OpenId" FROM "Volunteers" WHERE @district::varchar IS NULL OR "DistrictCode" = @district""",
                [district]),
            _ => ("""
                SELECT DISTINCT b."OpenId" FROM "Wishes" w JOIN "Beneficiaries" b ON b."Id" = w."BeneficiaryId"
                WHERE b."OpenId" IS NOT NULL AND (@round::int IS NULL OR w."Round" = @round) AND (@status::varchar IS NULL OR w."Status" = @status)
                  AND (@district::varchar IS NULL OR w."DistrictCode" = @district)
                """,
                [
                    district,
                    new NpgsqlParameter("round", NpgsqlTypes.NpgsqlDbType.Integer) { Value = filter.Round is { } r ? Round.Parse(r).Value : DBNull.Value },
                    new NpgsqlParameter("status", NpgsqlTypes.NpgsqlDbType.Varchar) { Value = (object?)filter.Status?.ToString() ?? DBNull.Value },
                ]),
        };
    }
}
