using Npgsql;
using NpgsqlTypes;

namespace WeChatWish.Api.Notifications;

/// <summary>A claimed row with what its send needs.</summary>
public sealed record ClaimedRecipient(long Id, Guid JobId, string OpenId, int Attempts, NotificationChannel Channel, string TemplateId,
    IReadOnlyDictionary<string, string> Data, string? Url, string? Page, bool KnownUnsubscribed);

/// <summary>
/// The dispatcher's SQL, on a plain Npgsql data source: one statement per claim and one round trip per batch of outcomes, safe from
/// many concurrent sends (a DbContext is not) and cheap at a thousand rows a second.
/// </summary>
public sealed class NotificationStore(NpgsqlDataSource db)
{
    // Claiming bumps Attempts, so a row that keeps crashing its instance still reaches the attempt limit.
    private const string ClaimSql = """
        WITH picked AS (
            SELECT r."Id" FROM "NotificationRecipients" r JOIN "NotificationJobs" j ON j."Id" = r."JobId"
            WHERE r."Status" = 'Pending' AND r."DueAt" <= @now
              AND j."Status" = 'Active' AND (j."PausedUntil" IS NULL OR j."PausedUntil" <= @now)
            ORDER BY r."DueAt", r."Id" LIMIT @limit
            FOR UPDATE OF r SKIP LOCKED)
        UPDATE "NotificationRecipients" r SET "DueAt" = @lease, "ClaimedBy" = @owner, "Attempts" = r."Attempts" + 1, "UpdatedAt" = @now
        FROM picked, "NotificationJobs" j
        WHERE r."Id" = picked."Id" AND j."Id" = r."JobId"
        RETURNING r."Id", r."JobId", r."OpenId", r."Attempts", j."Channel", j."TemplateId", j."DataJson", j."Url", j."Page",
            j."Channel" = 'OfficialAccount' AND (
                EXISTS (SELECT 1 FROM "Followers" f WHERE f."OpenId" = r."OpenId" AND NOT f."IsFollowing")
                OR EXISTS (SELECT 1 FROM "Beneficiaries" b WHERE b."OpenId" = r."OpenId" AND b."FollowStatus" = 'Unsubscribed'))
        """;

    public async Task<IReadOnlyList<ClaimedRecipient>> ClaimAsync(string owner, DateTimeOffset now, DateTimeOffset leaseUntil, int limit,
        CancellationToken ct)
    {
        await using var command = db.CreateCommand(ClaimSql);
        command.Parameters.AddWithValue("now", now);
        command.Parameters.AddWithValue("lease", leaseUntil);
        command.Parameters.AddWithValue("owner", owner);
        command.Parameters.AddWithValue("limit", limit);
        var rows = new List<ClaimedRecipient>();
        var jobData = new Dictionary<Guid, IReadOnlyDictionary<string, string>>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var jobId = reader.GetGuid(1);
            if (!jobData.TryGetValue(jobId, out var data)) jobData[jobId] = data = NotificationJob.ParseData(reader.GetString(6));
            rows.Add(new ClaimedRecipient(reader.GetInt64(0), jobId, reader.GetString(2), reader.GetInt32(3),
                Enum.Parse<NotificationChannel>(reader.GetString(4)), reader.GetString(5), data,
                reader.IsDBNull(7) ? null : reader.GetString(7), reader.IsDBNull(8) ? null : reader.GetString(8), reader.GetBoolean(9)));
        }
        return rows;
    }

    // Final outcomes: "Sent" wins over a cancel that came while the send was in flight.
    private const string CompleteSql = """
        UPDATE "NotificationRecipients" r SET "Status" = o.status, "Reason" = o.reason, "ErrCode" = o.err, "TemplateMsgId" = o.msg,
            "SentAt" = CASE WHEN o.status = 'Sent' THEN o.at ELSE r."SentAt" END, "ClaimedBy" = NULL, "UpdatedAt" = o.at
        FROM unnest(@ids, @statuses, @reasons, @errs, @msgs, @ats) AS o(id, status, reason, err, msg, at)
        WHERE r."Id" = o.id
        """;

    // Retries: back to pending, due again later, unless cancelled meanwhile.
    private const string RetrySql = """
        UPDATE "NotificationRecipients" r SET "Reason" = o.reason, "ErrCode" = o.err, "DueAt" = o.due, "ClaimedBy" = NULL, "UpdatedAt" = o.at
        FROM unnest(@ids, @reasons, @errs, @dues, @ats) AS o(id, reason, err, due, at)
        WHERE r."Id" = o.id AND r."Status" = 'Pending'
        """;

    /// <summary>
    /// Writes a batch of send outcomes in one round trip (one implicit transaction) and returns the rows updated. Should a row appear
    /// twice (a flush that failed past the lease, the row claimed again), its last outcome is the one written.
    /// </summary>
    public async Task<int> RecordAsync(IReadOnlyList<RowOutcome> outcomes, CancellationToken ct)
    {
        var latest = new Dictionary<long, RowOutcome>(outcomes.Count);
        foreach (var outcome in outcomes) latest[outcome.Id] = outcome;
        var final = latest.Values.Where(o => o.Status != RecipientStatus.Pending).ToList();
        var retries = latest.Values.Where(o => o.Status == RecipientStatus.Pending).ToList();
        await using var batch = db.CreateBatch();
        if (final.Count > 0)
            batch.BatchCommands.Add(Command(CompleteSql, Ids(final), ArrayOf("statuses", NpgsqlDbType.Text, final.Select(o => o.Status.ToString())),
                Reasons(final), Errs(final), ArrayOf("msgs", NpgsqlDbType.Bigint, final.Select(o => o.MsgId)), Ats(final)));
        if (retries.Count > 0)
            batch.BatchCommands.Add(Command(RetrySql, Ids(retries), Reasons(retries), Errs(retries),
                ArrayOf("dues", NpgsqlDbType.TimestampTz, retries.Select(o => o.RetryAt!.Value)), Ats(retries)));
        return batch.BatchCommands.Count == 0 ? 0 : await batch.ExecuteNonQueryAsync(ct);

        static NpgsqlParameter Ids(List<RowOutcome> o) => ArrayOf("ids", NpgsqlDbType.Bigint, o.Select(x => x.Id));
        static NpgsqlParameter Reasons(List<RowOutcome> o) => ArrayOf("reasons", NpgsqlDbType.Text, o.Select(x => x.Reason));
        static NpgsqlParameter Errs(List<RowOutcome> o) => ArrayOf("errs", NpgsqlDbType.Integer, o.Select(x => x.ErrCode));
        static NpgsqlParameter Ats(List<RowOutcome> o) => ArrayOf("ats", NpgsqlDbType.TimestampTz, o.Select(x => x.At));
    }

    private static NpgsqlParameter ArrayOf<T>(string name, NpgsqlDbType type, IEnumerable<T> values) =>
        new(name, NpgsqlDbType.Array | type) { Value = values.ToArray() };

    private static NpgsqlBatchCommand Command(string sql, params NpgsqlParameter[] parameters)
    {
        var command = new NpgsqlBatchCommand(sql);
        command.Parameters.AddRange(parameters);
        return command;
    }

    /// <summary>Hands back claimed rows that were never sent (shutdown, a paused job): due now, the claim's attempt not counted.</summary>
    public Task ReleaseAsync(IReadOnlyList<long> ids, DateTimeOffset now, CancellationToken ct) =>
        ExecuteAsync("""
            UPDATE "NotificationRecipients" SET "DueAt" = @now, "ClaimedBy" = NULL, "Attempts" = GREATEST(0, "Attempts" - 1), "UpdatedAt" = @now
            WHERE "Id" = ANY(@ids) AND "Status" = 'Pending'
            """, ct, ("ids", ids.ToArray()), ("now", now));

    public Task PauseJobAsync(Guid jobId, DateTimeOffset until, CancellationToken ct) =>
        ExecuteAsync("""UPDATE "NotificationJobs" SET "PausedUntil" = @until WHERE "Id" = @id""", ct, ("id", jobId), ("until", until));

    /// <summary>TEMPLATESENDJOBFINISH: WeChat's delivery report for the row that got this msgid.</summary>
    public Task<int> RecordDeliveryAsync(string openId, long msgId, string status, DateTimeOffset at, CancellationToken ct) =>
        ExecuteAsync("""
            UPDATE "NotificationRecipients" SET "DeliveryStatus" = left(@status, 64), "DeliveredAt" = @at
            WHERE "TemplateMsgId" = @msg AND "OpenId" = @openid
            """, ct, ("msg", msgId), ("openid", openId), ("status", status), ("at", at));

    private async Task<int> ExecuteAsync(string sql, CancellationToken ct, params (string Name, object? Value)[] parameters)
    {
        await using var command = db.CreateCommand(sql);
        foreach (var (name, value) in parameters)
        {
            if (value is null) command.Parameters.Add(new NpgsqlParameter(name, NpgsqlDbType.Unknown) { Value = DBNull.Value });
            else command.Parameters.AddWithValue(name, value);
        }
        return await command.ExecuteNonQueryAsync(ct);
    }
}
