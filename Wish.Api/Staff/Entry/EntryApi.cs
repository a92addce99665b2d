using FluentValidation;
using MiniExcelLibs;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WeChatWish.Api.Auth;
using WeChatWish.Api.Data;
using WeChatWish.Api.Infrastructure;
using WeChatWish.Api.Staff.Review;
using WeChatWish.Api.Wishes;
using WeChatWish.Domain;

namespace WeChatWish.Api.Staff.Entry;

/// <summary>A hotline call or a home visit as staff type it in.</summary>
public sealed record OfflineWishRequest(string? Channel, BeneficiaryDetails? Beneficiary, string? Category, string? Kind,
    string? DistrictCode, string? Content, decimal? EstimatedCost);

public sealed record ImportResult(int Imported, IReadOnlyList<string> Codes, string Encoding);

/// <summary>A dry run's answer: the rows as they would be imported, and how many.</summary>
public sealed record ImportPreview(IReadOnlyList<PreviewRow> Rows, int Valid, string Encoding);

/// <summary>Offline entry: hotline and visit wishes one at a time, and CSV or .xlsx imports (e.g. the poverty office's list) all-or-nothing.</summary>
public static class EntryApi
{
    public const int MaxImportBytes = 2 * 1024 * 1024;

    public static IEndpointRouteBuilder MapEntry(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/admin/wishes").WithTags("Staff: entry").RequireAuthorization(Policies.Staff).WithValidation();
        api.MapPost("/", Enter).WithSummary("Enter a hotline or visit wish; the same validation as WeChat intake");
        api.MapPost("/import", Import).DisableAntiforgery()
            .WithSummary("Import a CSV or .xlsx (multipart file, or a text/csv or xlsx body): {imported} or 400 with every bad row's number "
                + "(the sheet's row; the header is row 1) and reason; ?dryRun=true answers {rows, valid} or the same 400, storing nothing");
        api.MapGet("/import/template.csv", Template).Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .WithSummary("The import file's header and one example row, UTF-8 with BOM as Excel reads it");
        api.MapGet("/import/template.xlsx", XlsxTemplate).Produces(StatusCodes.Status200OK, contentType: Upload.XlsxContentType)
            .WithSummary("The import file's header and one example row as an Excel workbook");
        return app;
    }

    private static async Task<Results<Created<AdminWish>, ValidationProblem>> Enter(OfflineWishRequest request, CurrentStaff staff,
        IValidator<WishSubmission> validator, WishSubmissionService submissions, WishDbContext db, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var channel = ApiEnum.Parse<WishChannel>(request.Channel);
        var submission = new WishSubmission(channel ?? WishChannel.Hotline, request.Beneficiary!, request.Category ?? "", request.Kind ?? "",
            request.DistrictCode ?? "", request.Content ?? "", request.EstimatedCost ?? 0);
        var result = await validator.ValidateAsync(submission, cancellationToken);
        var errors = ValidationFilter.Errors(result);
        if (channel is not (WishChannel.Hotline or WishChannel.Visit)) errors["channel"] = ["渠道应为 hotline（热线）或 visit（走访）。"];
        if (errors.Count > 0) return TypedResults.ValidationProblem(errors, title: ValidationFilter.Title);
        staff.EnsureCanActIn(submission.DistrictCode);

        var submitted = await submissions.SubmitAsync(submission, _ => staff.Actor, cancellationToken);
        db.RecordBeneficiaryReads(staff, StaffAudit.BeneficiaryViewed, [(submitted.Beneficiary.Id, submitted.Wish.Code)], "wishes.enter",
            clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/admin/wishes/{submitted.Wish.Id}", AdminWish.Of(submitted.Wish, submitted.Beneficiary));
    }

    private static async Task<Results<Ok<ImportResult>, Ok<ImportPreview>, ProblemHttpResult>> Import(HttpRequest request, bool? dryRun,
        CurrentStaff staff, WishImporter importer, WishDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var preview = dryRun == true;
        string? fileName = null;
        ImportOutcome outcome;
        try
        {
            var upload = await ReadUploadAsync(request, cancellationToken);
            fileName = upload.FileName;
            outcome = await importer.ImportAsync(upload, staff, cancellationToken, preview);
        }
        catch (CsvFileException e)
        {
            if (!preview) await ImportHistoryApi.RecordAsync(db, ImportRecord.Create(staff, fileName, 0, 0, 1, clock.GetUtcNow()), cancellationToken);
            return FileProblem(e.Message, StatusCodes.Status400BadRequest);
        }
        var badRows = outcome.Errors.Select(e => e.Row).Distinct().Count();
        if (!preview)
            await ImportHistoryApi.RecordAsync(db, ImportRecord.Create(staff, fileName, outcome.Rows, outcome.Imported, badRows, clock.GetUtcNow()),
                cancellationToken);
        if (outcome.Errors.Count == 0)
            return preview
                ? TypedResults.Ok(new ImportPreview(outcome.Preview, outcome.Preview.Count, outcome.Encoding))
                : TypedResults.Ok(new ImportResult(outcome.Imported, outcome.Codes, outcome.Encoding));

        return TypedResults.Problem(
            title: $"导入未完成：{badRows}行有误，所有行均未导入。请改正后重新导入整个文件。",
            statusCode: StatusCodes.Status400BadRequest,
            extensions: new Dictionary<string, object?>
            {
                ["code"] = DomainErrorCodes.ImportRowsInvalid,
                ["rowErrors"] = outcome.Errors.Select(e => new { row = e.Row, message = e.Message }).ToList(),
            });
    }

    private static FileContentHttpResult Template()
    {
        // The header the importer looks for, in its own Chinese labels, and one row that imports as it stands.
        var text = string.Join(",", ImportColumns.Labels) + "\r\n" + ImportColumns.ExampleRow + "\r\n";
        return TypedResults.File([.. System.Text.Encoding.UTF8.GetPreamble(), .. System.Text.Encoding.UTF8.GetBytes(text)], "text/csv; charset=utf-8",
            "心愿导入模板.csv");
    }

    private static FileContentHttpResult XlsxTemplate()
    {
        var cells = ImportColumns.ExampleRow.Split(',');
        using var sheet = new MemoryStream();
        // Every cell a string, so the example phone stays 13812345678 and the cost reads as typed.
        sheet.SaveAs(new[] { ImportColumns.Labels.Select((label, i) => (label, value: (object?)cells[i])).ToDictionary(c => c.label, c => c.value) },
            excelType: ExcelType.XLSX);
        return TypedResults.File(sheet.ToArray(), Upload.XlsxContentType, "心愿导入模板.xlsx");
    }

    /// <summary>The uploaded file (multipart) or body (text/csv or xlsx), up to <paramref name="maxBytes"/>; also read by the roster import and import jobs.</summary>
    internal static async Task<Upload> ReadUploadAsync(HttpRequest request, CancellationToken cancellationToken, int maxBytes = MaxImportBytes)
    {
        if (request.ContentLength > maxBytes + 64 * 1024) throw TooLarge(maxBytes);
        Stream source;
        string? fileName = null;
        var contentType = request.ContentType;
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(cancellationToken);
            var file = form.Files.FirstOrDefault() ?? throw new CsvFileException("请选择要导入的CSV或Excel（.xlsx）文件。");
            if (file.Length > maxBytes) throw TooLarge(maxBytes);
            fileName = file.FileName;
            contentType = file.ContentType;
            source = file.OpenReadStream();
        }
        else source = request.Body;

        await using (source)
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = await source.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > maxBytes) throw TooLarge(maxBytes);
                buffer.Write(chunk, 0, read);
            }
            return buffer.Length > 0 ? new Upload(fileName, contentType, buffer.ToArray()) : throw new CsvFileException("请选择要导入的CSV或Excel（.xlsx）文件。");
        }
    }

    private static CsvFileException TooLarge(int maxBytes) => new($"文件不能超过{maxBytes / 1024 / 1024}MB，请拆分后导入。");

    private static ProblemHttpResult FileProblem(string title, int status) =>
        ProblemDetailsExtensions.CodedProblem(status, title, DomainErrorCodes.ImportFileInvalid);
}
