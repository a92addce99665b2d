using System.Diagnostics;
using System.Threading.Channels;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using WeChatWish.Api.Data;
using WeChatWish.Api.ReferenceData;
using WeChatWish.Api.Staff;
using WeChatWish.Api.Staff.Entry;
using WeChatWish.Api.Wishes;
using WeChatWish.Domain;

namespace WeChatWish.Api.Imports;

/// <summary>
/// Runs one claimed import job: reads the file as it goes, checks the rows in batches (the intake validator row by row, then one
/// query per batch for the people already known and their wishes), writes progress after every batch, and — only if no row failed —
/// writes every row in one transaction at the end (a block of wish codes, binary COPY). Any failure before that commit leaves
/// nothing behind, so a job cut off anywhere is safe to run again from the start.
/// The rules are the synchronous import's: the same validator, district rule, one-wish-waiting-for-review rule and 12-month flag.
/// </summary>
public sealed class ImportJobProcessor(WishDbContext db, ImportJobStore store, IValidator<WishSubmission> validator, DistrictDirectory districts,
    WishRules rules, TimeProvider clock, ILogger<ImportJobProcessor> logger)
{
    // Where a job's time went (reading the file, row checks, the per-batch lookups, the commit's parts), logged when it ends.
    private readonly Stopwatch _read = new(), _validate = new(), _lookup = new(), _build = new(), _copy = new(), _finish = new();

    private sealed record Person(Guid Id, string? Address, string? IdNumber, string? OpenId, string? WaitingCode, List<PriorWish> Wishes);

    private sealed record CheckedRow(int Line, WishSubmission Submission, Guid? BeneficiaryId);

    /// <summary>Checks and imports the job; <paramref name="report"/> is called after every batch and returns false to stop (cancelled, lease lost).</summary>
    public async Task RunAsync(Guid jobId, string owner, int batchSize, Func<ImportProgress, Task<bool>> report, CancellationToken ct)
    {
        var job = await db.ImportJobs.AsNoTracking().Where(j => j.Id == jobId)
            .Select(j => new { j.StaffId, j.StaffUserName, j.StaffRole, j.DistrictCode, j.FileName, j.ContentType, j.File })
            .SingleAsync(ct);
        var staff = new CurrentStaff(job.StaffId, job.StaffUserName, job.StaffRole, job.DistrictCode);
        var errors = new List<RowError>();
        var valid = new List<CheckedRow>();
        var checkedRows = 0;
        var errorRows = 0;
        string? encoding = null;
        ImportProgress Progress(int? rows = null) => new(rows, checkedRows, valid.Count, errorRows, errors, encoding);

        // The file is read on another thread a few batches ahead of the checks (an .xlsx parse costs as much as the checks do).
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var batches = Channel.CreateBounded<List<(int Line, string[] Fields)>>(new BoundedChannelOptions(4) { SingleReader = true, SingleWriter = true });
        var read = -1;
        Task reading = Task.CompletedTask;
        try
        {
            var (records, readEncoding) = UploadedSheet.Rows(new Upload(job.FileName, job.ContentType, job.File ?? []));
            encoding = readEncoding;
            reading = Task.Run(() => ReadAsync(records, batchSize, batches.Writer, total => read = total, stop.Token), CancellationToken.None);
            var header = await NextAsync(batches.Reader, ct) ?? throw new CsvFileException("文件是空的。");
            var columns = ImportColumns.FromHeader(header[0].Fields, out var missing)
                ?? throw new CsvFileException($"缺少必需的列：{string.Join("、", missing)}。第一行应为列名：{string.Join("，", ImportColumns.Labels)}。");

            var districtList = await districts.AllAsync(ct);
            var seen = new Dictionary<(string, string), int>();
            while (await NextAsync(batches.Reader, ct) is { } batch)
            {
                var batchErrors = await CheckBatchAsync(batch, columns, districtList, staff, seen, valid, ct);
                checkedRows += batch.Count;
                errorRows += batchErrors.Select(e => e.Row).Distinct().Count();
                errors.AddRange(batchErrors.OrderBy(e => e.Row).Take(Math.Max(0, ImportJob.MaxStoredErrors - errors.Count)));
                // The total is known once the reader has reached the end of the file, usually a few batches before the checks do.
                if (!await report(Progress(Volatile.Read(ref read) is >= 0 and var total ? (int?)total : null))) return;
            }
            if (checkedRows == 0) throw new CsvFileException("文件中没有心愿数据行。");
        }
        catch (CsvFileException e)
        {
            await FinishFailedAsync(jobId, owner, staff, job.FileName, Progress(), e.Message, ct);
            return;
        }
        finally
        {
            await stop.CancelAsync();
            try { await reading; }
            catch (OperationCanceledException) { }
        }

        if (errorRows > 0)
        {
            await FinishFailedAsync(jobId, owner, staff, job.FileName, Progress(checkedRows),
                $"导入未完成：{errorRows}行有误，所有行均未导入。请改正后重新导入整个文件。", ct);
            return;
        }
        await CommitAsync(jobId, owner, staff, job.FileName, valid, Progress(checkedRows), ct);
    }

    /// <summary>The header alone as the first batch, then batches of data rows; a file error or too many rows ends the channel with it.</summary>
    private async Task ReadAsync(IEnumerable<(int Line, string[] Fields)> records, int batchSize, ChannelWriter<List<(int Line, string[] Fields)>> writer,
        Action<int> finished, CancellationToken ct)
    {
        try
        {
            var rows = -1;
            var batch = new List<(int Line, string[] Fields)>(1);
            _read.Start();
            foreach (var record in records)
            {
                batch.Add(record);
                if (++rows > ImportJob.MaxRows) throw new CsvFileException($"一次最多导入{ImportJob.MaxRows}行，请拆分文件。");
                if (rows > 0 && batch.Count < batchSize) continue;
                _read.Stop();
                await writer.WriteAsync(batch, ct);
                _read.Start();
                batch = new List<(int Line, string[] Fields)>(batchSize);
            }
            _read.Stop();
            if (batch.Count > 0) await writer.WriteAsync(batch, ct);
            finished(Math.Max(0, rows));
            writer.Complete();
        }
        catch (Exception e)
        {
            writer.Complete(e);
        }
    }

    /// <summary>The next batch, or null at the end; the reader's CsvFileException comes out here.</summary>
    private static async Task<List<(int Line, string[] Fields)>?> NextAsync(ChannelReader<List<(int Line, string[] Fields)>> reader, CancellationToken ct)
    {
        try
        {
            return await reader.WaitToReadAsync(ct) && reader.TryRead(out var batch) ? batch : null;
        }
        catch (ChannelClosedException e) when (e.InnerException is CsvFileException file)
        {
            throw file;
        }
    }

    private async Task<List<RowError>> CheckBatchAsync(List<(int Line, string[] Fields)> batch, ImportColumns columns, IReadOnlyList<CodeName> districtList,
        CurrentStaff staff, Dictionary<(string, string), int> seen, List<CheckedRow> valid, CancellationToken ct)
    {
        var errors = new List<RowError>();
        var candidates = new List<CheckedRow>();
        _validate.Start();
        foreach (var (line, fields) in batch)
        {
            var cellErrors = new List<string>();
            var submission = columns.ToSubmission(fields, districtList, cellErrors);
            var result = await validator.ValidateAsync(submission, ct);
            var costUnreadable = cellErrors.Count > 0;
            cellErrors.AddRange(result.Errors.Where(e => !(costUnreadable && e.PropertyName == nameof(WishSubmission.EstimatedCost)))
                .Select(e => e.ErrorMessage));
            if (cellErrors.Count == 0 && !staff.CanActIn(submission.DistrictCode)) cellErrors.Add("该行的所在区不属于您负责的区。");
            if (cellErrors.Count == 0 && seen.TryGetValue(Key(submission), out var earlier))
                cellErrors.Add($"与第{earlier}行是同一位受助人：每人只能有一个心愿正在审核中，审核后才能再提交新的心愿。");
            if (cellErrors.Count > 0)
            {
                errors.AddRange(cellErrors.Distinct().Select(m => new RowError(line, m)));
                continue;
            }
            seen[Key(submission)] = line;
            candidates.Add(new CheckedRow(line, submission, null));
        }

        _validate.Stop();
        _lookup.Start();
        var people = await FindPeopleAsync(candidates.Select(c => Key(c.Submission)).ToList(), ct);
        _lookup.Stop();
        _validate.Start();
        var now = clock.GetUtcNow();
        var placeholder = WishCode.Format(rules.RoundFor(now), 1);
        for (var i = 0; i < candidates.Count; i++)
        {
            var row = candidates[i];
            var person = people.GetValueOrDefault(i);
            if (person?.WaitingCode is { } waiting)
            {
                errors.Add(new RowError(row.Line, $"您已有一个心愿（{waiting}）正在审核中，审核后才能再提交新的心愿。"));
                continue;
            }
            try
            {
                // Built and dropped: the entities' own guards (lengths the validator does not know) fail here, as they would on import.
                var beneficiary = View(row.Submission, person, now);
                NewWish(row.Submission, beneficiary, person?.Id ?? beneficiary.Id, placeholder, person?.Wishes ?? [], staff, now);
                valid.Add(row with { BeneficiaryId = person?.Id });
            }
            catch (DomainException e)
            {
                errors.Add(new RowError(row.Line, e.Message));
            }
        }
        _validate.Stop();
        return errors;
    }

    /// <summary>One query for a batch: each (name, phone) that is a known, not erased beneficiary, with their wishes.</summary>
    private async Task<Dictionary<int, Person>> FindPeopleAsync(List<(string Name, string Phone)> keys, CancellationToken ct)
    {
        var people = new Dictionary<int, Person>();
        if (keys.Count == 0) return people;
        await using var command = new NpgsqlCommand("""
            SELECT k.i::int - 1, b."Id", b."Address", b."IdNumber", b."OpenId", w."Status", w."SubmittedAt", w."Code"
            FROM unnest(@names, @phones) WITH ORDINALITY AS k(name, phone, i)
            JOIN LATERAL (SELECT * FROM "Beneficiaries" b WHERE b."Name" = k.name AND b."Phone" = k.phone AND b."ErasedAt" IS NULL
                          ORDER BY b."Id" LIMIT 1) b ON true
            LEFT JOIN "Wishes" w ON w."BeneficiaryId" = b."Id"
            """, await OpenAsync(ct));
        command.Parameters.Add(new NpgsqlParameter("names", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = keys.Select(k => k.Name).ToArray() });
        command.Parameters.Add(new NpgsqlParameter("phones", NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = keys.Select(k => k.Phone).ToArray() });
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var i = reader.GetInt32(0);
            if (!people.TryGetValue(i, out var person))
                people[i] = person = new Person(reader.GetGuid(1), Text(reader, 2), Text(reader, 3), Text(reader, 4), null, []);
            if (reader.IsDBNull(5)) continue;
            var status = Enum.Parse<WishStatus>(reader.GetString(5));
            if (status == WishStatus.Submitted && person.WaitingCode is null) people[i] = person = person with { WaitingCode = reader.GetString(7) };
            person.Wishes.Add(new PriorWish(status, reader.GetFieldValue<DateTimeOffset>(6)));
        }
        return people;
    }

    private async Task CommitAsync(Guid jobId, string owner, CurrentStaff staff, string? fileName, List<CheckedRow> rows, ImportProgress progress,
        CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // A cancel waits for this lock, and finds the job finished; a job cancelled before it is not imported.
        if (!await store.LockIfOwnedAsync(jobId, owner, ct)) return;

        // The people found while checking, locked as intake locks them, and read again: a wish sent in meanwhile counts.
        var known = rows.Where(r => r.BeneficiaryId is not null).Select(r => r.BeneficiaryId!.Value).Distinct().ToArray();
        var people = await LockPeopleAsync(known, ct);
        var now = clock.GetUtcNow();
        var conflicts = rows.Where(r => r.BeneficiaryId is { } id && (!people.TryGetValue(id, out var p) || p.WaitingCode is not null))
            .Select(r => new RowError(r.Line, people.GetValueOrDefault(r.BeneficiaryId!.Value)?.WaitingCode is { } code
                ? $"您已有一个心愿（{code}）正在审核中，审核后才能再提交新的心愿。"
                : "该受助人的信息在导入期间被删除，请重新导入。"))
            .ToList();
        if (conflicts.Count > 0)
        {
            await transaction.RollbackAsync(ct);
            await FinishFailedAsync(jobId, owner, staff, fileName, progress with { RowsValid = rows.Count - conflicts.Count, ErrorRows = conflicts.Count, Errors = conflicts },
                $"导入未完成：{conflicts.Count}行有误，所有行均未导入。请改正后重新导入整个文件。", ct);
            return;
        }

        _build.Start();
        var round = rules.RoundFor(now);
        var first = await new WishCodeAllocator(db).ReserveBlockAsync(round, rows.Count, ct);
        var beneficiaries = new List<Beneficiary>();
        var updated = new List<(Guid Id, Beneficiary Details)>();
        var wishes = new List<Wish>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            var person = row.BeneficiaryId is { } id ? people[id] : null;
            var beneficiary = View(row.Submission, person, now);
            if (person is null) beneficiaries.Add(beneficiary);
            else updated.Add((person.Id, beneficiary));
            wishes.Add(NewWish(row.Submission, beneficiary, person?.Id ?? beneficiary.Id, WishCode.Format(round, first + i), person?.Wishes ?? [], staff, now));
        }
        var history = wishes.SelectMany(w => w.History).ToList();
        _build.Stop();
        _copy.Start();
        var connection = await OpenAsync(ct);
        await EntityCopy.CopyAsync(connection, db.Model, beneficiaries, ct);
        await UpdatePeopleAsync(connection, updated, now, ct);
        await EntityCopy.CopyAsync(connection, db.Model, wishes, ct);
        await EntityCopy.CopyAsync(connection, db.Model, history, ct);
        // What AuditStatusChangesInterceptor adds for every status change saved through EF.
        await EntityCopy.CopyAsync(connection, db.Model, history.Select(AuditEntry.ForStatusChange).ToList(), ct);

        _copy.Stop();
        _finish.Start();
        var (firstCode, lastCode) = (wishes[0].Code, wishes[^1].Code);
        db.Record(staff, "wishes.imported", "ImportJob", jobId.ToString(), $"{wishes.Count} wishes, {progress.Encoding}: {firstCode}…{lastCode}", now);
        db.ImportRecords.Add(ImportRecord.Create(staff, fileName, rows.Count, wishes.Count, 0, now));
        await db.SaveChangesAsync(ct);
        await store.FinishAsync(jobId, owner, ImportJobStatus.Succeeded, progress, wishes.Count, firstCode, lastCode, null, now, ct);
        await transaction.CommitAsync(ct);
        _finish.Stop();
        logger.LogInformation("Import job {Job}: {Rows} rows imported; read {Read} ms, row checks {Validate} ms, lookups {Lookup} ms; "
            + "commit: build {Build} ms, COPY and update {Copy} ms, finish {Finish} ms", jobId, rows.Count, _read.ElapsedMilliseconds,
            _validate.ElapsedMilliseconds, _lookup.ElapsedMilliseconds, _build.ElapsedMilliseconds, _copy.ElapsedMilliseconds, _finish.ElapsedMilliseconds);
    }

    private async Task<Dictionary<Guid, Person>> LockPeopleAsync(Guid[] ids, CancellationToken ct)
    {
        var people = new Dictionary<Guid, Person>();
        if (ids.Length == 0) return people;
        var connection = await OpenAsync(ct);
        await using (var lockCommand = new NpgsqlCommand("""
            SELECT "Id", "Address", "IdNumber", "OpenId" FROM "Beneficiaries" WHERE "Id" = ANY(@ids) AND "ErasedAt" IS NULL ORDER BY "Id" FOR UPDATE
            """, connection))
        {
            lockCommand.Parameters.AddWithValue("ids", ids);
            await using var reader = await lockCommand.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                people[reader.GetGuid(0)] = new Person(reader.GetGuid(0), Text(reader, 1), Text(reader, 2), Text(reader, 3), null, []);
        }
        await using var wishes = new NpgsqlCommand("""
            SELECT "BeneficiaryId", "Status", "SubmittedAt", "Code" FROM "Wishes" WHERE "BeneficiaryId" = ANY(@ids)
            """, connection);
        wishes.Parameters.AddWithValue("ids", ids);
        await using var rows = await wishes.ExecuteReaderAsync(ct);
        while (await rows.ReadAsync(ct))
        {
            if (!people.TryGetValue(rows.GetGuid(0), out var person)) continue;
            var status = Enum.Parse<WishStatus>(rows.GetString(1));
            if (status == WishStatus.Submitted && person.WaitingCode is null) people[person.Id] = person = person with { WaitingCode = rows.GetString(3) };
            person.Wishes.Add(new PriorWish(status, rows.GetFieldValue<DateTimeOffset>(2)));
        }
        return people;
    }

    // As WishSubmissionService updates a known beneficiary: the new contact details, keeping the old address and ID number if none came.
    private static async Task UpdatePeopleAsync(NpgsqlConnection connection, List<(Guid Id, Beneficiary Details)> people, DateTimeOffset now,
        CancellationToken ct)
    {
        if (people.Count == 0) return;
        await using var command = new NpgsqlCommand("""
            UPDATE "Beneficiaries" b SET "Name" = u.name, "Phone" = u.phone, "Address" = u.address, "IdNumber" = u.id_number,
                "DistrictCode" = u.district, "UpdatedAt" = @now
            FROM unnest(@ids, @names, @phones, @addresses, @idNumbers, @districts) AS u(id, name, phone, address, id_number, district)
            WHERE b."Id" = u.id
            """, connection);
        command.Parameters.AddWithValue("ids", people.Select(p => p.Id).ToArray());
        command.Parameters.Add(Texts("names", people.Select(p => p.Details.Name)));
        command.Parameters.Add(Texts("phones", people.Select(p => p.Details.Phone)));
        command.Parameters.Add(Texts("addresses", people.Select(p => p.Details.Address)));
        command.Parameters.Add(Texts("idNumbers", people.Select(p => p.Details.IdNumber)));
        command.Parameters.Add(Texts("districts", people.Select(p => p.Details.DistrictCode)));
        command.Parameters.AddWithValue("now", now);
        await command.ExecuteNonQueryAsync(ct);

        static NpgsqlParameter Texts(string name, IEnumerable<string?> values) =>
            new(name, NpgsqlDbType.Array | NpgsqlDbType.Text) { Value = values.Select(v => (object?)v ?? DBNull.Value).ToArray() };
    }

    /// <summary>The beneficiary as the row would leave them: new, or a known person with this row's details (and their old address or ID if none).</summary>
    private static Beneficiary View(WishSubmission submission, Person? person, DateTimeOffset now)
    {
        var details = submission.Beneficiary;
        var beneficiary = Beneficiary.Create(details.Name.Trim(), details.Phone, details.Address ?? person?.Address, details.IdNumber ?? person?.IdNumber,
            submission.DistrictCode, person?.OpenId, now);
        return beneficiary;
    }

    private Wish NewWish(WishSubmission submission, Beneficiary beneficiary, Guid beneficiaryId, string code, IEnumerable<PriorWish> prior,
        CurrentStaff staff, DateTimeOffset now)
    {
        Categories.TryFromCode(submission.Category, out var category);
        WishSubmissionValidator.TryParseKind(submission.Kind, out var kind);
        return Wish.Submit(new NewWish(beneficiaryId, submission.Channel, category, kind, submission.DistrictCode, submission.Content.Trim(),
            submission.EstimatedCost, [], beneficiary.PersonalDetails()), code, rules, prior, staff.Actor, now);
    }

    private async Task FinishFailedAsync(Guid jobId, string owner, CurrentStaff staff, string? fileName, ImportProgress progress, string message,
        CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var now = clock.GetUtcNow();
        if (!await store.FinishAsync(jobId, owner, ImportJobStatus.Failed, progress, 0, null, null, message, now, ct)) return;
        // A refused job is in the import history as a refused synchronous import is: its rows and bad rows, or 1 for a refused file.
        db.ImportRecords.Add(ImportRecord.Create(staff, fileName, progress.Rows ?? progress.RowsChecked, 0, Math.Max(1, progress.ErrorRows), now));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    private async Task<NpgsqlConnection> OpenAsync(CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        return (NpgsqlConnection)db.Database.GetDbConnection();
    }

    private static (string, string) Key(WishSubmission submission) => (submission.Beneficiary.Name.Trim(), submission.Beneficiary.Phone);

    private static string? Text(NpgsqlDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
}
