using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using WeChatWish.Api.Data;
using WeChatWish.Api.Staff.Entry;
using WeChatWish.Domain;

namespace WeChatWish.Api.Imports;

/// <summary>A job an instance has just taken: its id and which attempt this is.</summary>
public sealed record ClaimedImportJob(Guid Id, int Attempts);

/// <summary>How far the check has got, as the job row shows it.</summary>
public sealed record ImportProgress(int? Rows, int RowsChecked, int RowsValid, int ErrorRows, IReadOnlyList<RowError> Errors, string? Encoding);

/// <summary>
/// The job row's SQL. A claim takes the oldest queued job, or a running one whose lease ran out (its instance died), with
/// FOR UPDATE SKIP LOCKED, so two instances never take the same job; every progress write renews the lease and fails once
/// the job was cancelled or taken by another instance, which tells the runner to stop.
/// </summary>
public sealed class ImportJobStore(WishDbContext db)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<ClaimedImportJob?> ClaimAsync(string owner, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken ct)
    {
        var rows = await db.Database.SqlQuery<ClaimedImportJob>($"""
            UPDATE "ImportJobs" j SET "Status" = 'Running', "LeaseOwner" = {owner}, "LeaseUntil" = {leaseUntil}, "Attempts" = j."Attempts" + 1,
                "StartedAt" = COALESCE(j."StartedAt", {now})
            WHERE j."Id" = (
                SELECT "Id" FROM "ImportJobs"
                WHERE "Status" = 'Queued' OR ("Status" = 'Running' AND "LeaseUntil" < {now})
                ORDER BY "CreatedAt" LIMIT 1 FOR UPDATE SKIP LOCKED)
            RETURNING j."Id", j."Attempts"
            """).ToListAsync(ct);
        return rows.SingleOrDefault();
    }

    /// <summary>
    /// Writes the progress and renews the lease; false when the job is no longer this owner's to run (cancelled, or its lease ran out
    /// and another instance took it). Counts only grow: a job taken again after a crash checks from the start, and its
    /// counts stay where the first attempt had got until the new one passes them.
    /// </summary>
    public async Task<bool> ReportAsync(Guid id, string owner, ImportProgress progress, DateTimeOffset leaseUntil, CancellationToken ct)
    {
        var errors = JsonSerializer.Serialize(progress.Errors.Take(ImportJob.MaxStoredErrors), Json);
        var updated = await db.Database.ExecuteSqlAsync($"""
            UPDATE "ImportJobs" SET "Rows" = COALESCE({progress.Rows}::integer, "Rows"),
                "RowsChecked" = GREATEST("RowsChecked", {progress.RowsChecked}), "RowsValid" = GREATEST("RowsValid", {progress.RowsValid}),
                "ErrorRows" = GREATEST("ErrorRows", {progress.ErrorRows}),
                "ErrorsJson" = CASE WHEN {progress.Errors.Count} >= jsonb_array_length("ErrorsJson") THEN {errors}::jsonb ELSE "ErrorsJson" END,
                "Encoding" = COALESCE({progress.Encoding}::text, "Encoding"), "LeaseUntil" = {leaseUntil}
            WHERE "Id" = {id} AND "Status" = 'Running' AND "LeaseOwner" = {owner}
            """, ct);
        return updated == 1;
    }

    /// <summary>Hands a running job back (its instance is stopping): takeable at once, the attempt not counted.</summary>
    public Task<int> ReleaseAsync(Guid id, string owner, DateTimeOffset now, CancellationToken ct) => db.Database.ExecuteSqlAsync($"""
        UPDATE "ImportJobs" SET "LeaseUntil" = {now}, "Attempts" = GREATEST(0, "Attempts" - 1)
        WHERE "Id" = {id} AND "Status" = 'Running' AND "LeaseOwner" = {owner}
        """, ct);

    /// <summary>Locks the job row in the caller's transaction; true if it is still running under this owner.</summary>
    public async Task<bool> LockIfOwnedAsync(Guid id, string owner, CancellationToken ct) =>
        (await db.Database.SqlQuery<Guid>($"""
            SELECT "Id" AS "Value" FROM "ImportJobs" WHERE "Id" = {id} AND "Status" = 'Running' AND "LeaseOwner" = {owner} FOR UPDATE
            """).ToListAsync(ct)).Count == 1;

    /// <summary>Ends the job (failed or succeeded) if this owner still runs it; the file is dropped with the lease.</summary>
    public async Task<bool> FinishAsync(Guid id, string owner, ImportJobStatus status, ImportProgress progress, int imported, string? firstCode,
        string? lastCode, string? message, DateTimeOffset at, CancellationToken ct)
    {
        var errors = JsonSerializer.Serialize(progress.Errors.Take(ImportJob.MaxStoredErrors), Json);
        var statusName = status.ToString();
        var cut = message is { Length: > ImportJob.MessageMaxLength } ? message[..ImportJob.MessageMaxLength] : message;
        var updated = await db.Database.ExecuteSqlAsync($"""
            UPDATE "ImportJobs" SET "Status" = {statusName}, "Rows" = COALESCE({progress.Rows}::integer, "Rows"), "RowsChecked" = {progress.RowsChecked},
                "RowsValid" = {progress.RowsValid}, "ErrorRows" = {progress.ErrorRows}, "ErrorsJson" = {errors}::jsonb,
                "Encoding" = COALESCE({progress.Encoding}::text, "Encoding"), "Imported" = {imported}, "FirstCode" = {firstCode}::text, "LastCode" = {lastCode}::text,
                "Message" = {cut}::text, "FinishedAt" = {at}, "File" = NULL, "LeaseOwner" = NULL, "LeaseUntil" = NULL
            WHERE "Id" = {id} AND "Status" = 'Running' AND "LeaseOwner" = {owner}
            """, ct);
        return updated == 1;
    }

    public NpgsqlConnection Connection => (NpgsqlConnection)db.Database.GetDbConnection();
}
