using FluentValidation;
using WeChatWish.Api.Data;
using WeChatWish.Api.ReferenceData;
using WeChatWish.Api.Wishes;
using WeChatWish.Domain;

namespace WeChatWish.Api.Staff.Entry;

public sealed record RowError(int Row, string Message);

/// <summary>A row as it would be imported: the name masked, as a preview needs no more to be checked.</summary>
public sealed record PreviewRow(int Row, string Name, string DistrictCode, string Category, string Kind, string Content, decimal EstimatedCost);

public sealed record ImportOutcome(int Rows, int Imported, IReadOnlyList<string> Codes, IReadOnlyList<RowError> Errors, string Encoding,
    IReadOnlyList<PreviewRow> Preview);

/// <summary>
/// Imports a CSV or .xlsx of wishes all-or-nothing: every row goes through the intake validator and <see cref="WishSubmissionService"/>
/// inside one transaction, which commits only when no row failed. Row numbers are the spreadsheet's (the header is row 1).
/// A dry run goes through exactly the same steps and always rolls back, so its answer is the real import's, with nothing stored.
/// </summary>
public sealed class WishImporter(WishDbContext db, WishSubmissionService submissions, IValidator<WishSubmission> validator,
    DistrictDirectory districts, TimeProvider clock)
{
    public const int MaxRows = 2000;

    public async Task<ImportOutcome> ImportAsync(Upload upload, CurrentStaff staff, CancellationToken cancellationToken, bool dryRun = false)
    {
        // One record past the limit (header + MaxRows + 1) is enough to refuse the file.
        var (records, encoding) = UploadedSheet.Read(upload, MaxRows + 2);
        if (records.Count == 0) throw new CsvFileException("文件是空的。");
        var columns = ImportColumns.FromHeader(records[0].Fields, out var missing)
            ?? throw new CsvFileException($"缺少必需的列：{string.Join("、", missing)}。第一行应为列名：{string.Join("，", ImportColumns.Labels)}。");
        var rows = records.Skip(1).ToList();
        if (rows.Count == 0) throw new CsvFileException("文件中没有心愿数据行。");
        if (rows.Count > MaxRows) throw new CsvFileException($"一次最多导入{MaxRows}行，请拆分文件。");

        var districtList = await districts.AllAsync(cancellationToken);
        var errors = new List<RowError>();
        var codes = new List<string>();
        var preview = new List<PreviewRow>();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var (line, fields) in rows)
        {
            var cellErrors = new List<string>();
            var submission = columns.ToSubmission(fields, districtList, cellErrors);
            var result = await validator.ValidateAsync(submission, cancellationToken);
            var costUnreadable = cellErrors.Count > 0;
            cellErrors.AddRange(result.Errors.Where(e => !(costUnreadable && e.PropertyName == nameof(WishSubmission.EstimatedCost)))
                .Select(e => e.ErrorMessage).ToList());
            if (cellErrors.Count == 0 && !staff.CanActIn(submission.DistrictCode))
                cellErrors.Add("该行的所在区不属于您负责的区。");
            if (cellErrors.Count > 0)
            {
                errors.AddRange(cellErrors.Distinct().Select(m => new RowError(line, m)));
                continue;
            }
            try
            {
                var submitted = await submissions.SubmitAsync(submission, _ => staff.Actor, cancellationToken);
                codes.Add(submitted.Wish.Code);
                preview.Add(new PreviewRow(line, NameMask.Mask(submitted.Beneficiary.Name), submission.DistrictCode, submission.Category,
                    submission.Kind, submitted.Wish.Content, submitted.Wish.EstimatedCost));
                // Saved rows need no tracking; left tracked, every later save would scan them all again (quadratic in rows).
                db.ChangeTracker.Clear();
            }
            catch (DomainException e)
            {
                // Whatever the failed row left in the change tracker must not ride along with the next row's save.
                db.ChangeTracker.Clear();
                errors.Add(new RowError(line, e.Message));
            }
        }

        if (errors.Count > 0 || dryRun)
        {
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return new ImportOutcome(rows.Count, 0, [], errors, encoding, errors.Count > 0 ? [] : preview);
        }
        db.Record(staff, "wishes.imported", "Import", codes[0], $"{codes.Count} wishes, {encoding}: {codes[0]}…{codes[^1]}", clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new ImportOutcome(rows.Count, codes.Count, codes, [], encoding, preview);
    }
}
