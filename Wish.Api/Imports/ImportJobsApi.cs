using System.Linq.Expressions;
using System.Text.Json;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WeChatWish.Api.Auth;
using WeChatWish.Api.Data;
using WeChatWish.Api.Infrastructure;
using WeChatWish.Api.Staff;
using WeChatWish.Api.Staff.Entry;
using WeChatWish.Domain;

namespace WeChatWish.Api.Imports;

/// <summary>A background import as the console polls it: status, progress and the first row errors (sheet row numbers, header = row 1).</summary>
public sealed record ImportJobView(Guid Id, ImportJobStatus Status, string? FileName, string StaffUserName, string? DistrictCode, int FileBytes,
    int? Rows, int RowsChecked, int RowsValid, int ErrorRows, IReadOnlyList<RowError> RowErrors, int Imported, string? FirstCode, string? LastCode,
    string? Message, string? Encoding, int Attempts, DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt);

public sealed record ImportJobPage(IReadOnlyList<ImportJobView> Items, int Total, int Page, int PageSize);

public sealed record ImportJobListQuery(string? Status, int? Page, int? PageSize)
{
    public const int MaxPageSize = 100;

    public ImportJobStatus? StatusValue => ApiEnum.Parse<ImportJobStatus>(Status);
}

public sealed class ImportJobListQueryValidator : AbstractValidator<ImportJobListQuery>
{
    public ImportJobListQueryValidator()
    {
        RuleFor(q => q.Status).Must((q, s) => s is null || q.StatusValue is not null)
            .WithMessage("状态应为 queued、running、succeeded、failed 或 cancelled。");
        this.PagingRules(q => q.Page, q => q.PageSize, ImportJobListQuery.MaxPageSize);
    }
}

/// <summary>
/// Big wish imports (up to 50,000 rows, 20 MB) as background jobs: submit the file and get 202 with the job, poll its progress,
/// cancel it. The rules are the synchronous import's (<c>POST /api/admin/wishes/import</c>, kept for small files): all-or-nothing,
/// and a coordinator's rows must be of their district. A coordinator sees and cancels their district's jobs; other staff see all.
/// </summary>
public static class ImportJobsApi
{
    public static IHostApplicationBuilder AddImportJobs(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<ImportJobOptions>().BindConfiguration(ImportJobOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<ImportJobOptions>, ImportJobOptionsValidator>();
        builder.Services.AddScoped<ImportJobStore>();
        builder.Services.AddScoped<ImportJobProcessor>();
        builder.Services.AddSingleton<ImportJobRunner>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ImportJobRunner>());
        return builder;
    }

    public static IEndpointRouteBuilder MapImportJobs(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/admin/imports/jobs").WithTags("Staff: import jobs").RequireAuthorization(Policies.Staff).WithValidation();
        api.MapPost("/", Submit).DisableAntiforgery()
            .WithSummary("Start a background import of a CSV or .xlsx (multipart file, or a text/csv or xlsx body; up to 50,000 rows, 20 MB): "
                + "202 with the job and its Location; 400 for a file refused before it is stored (empty, too large)");
        api.MapGet("/", List).WithSummary("Import jobs newest first (?status&page&pageSize); a coordinator sees their district's");
        api.MapGet("/{id:guid}", Get).WithSummary("A job's status and progress: rowsChecked, rowsValid, errorRows and the first row errors");
        api.MapPost("/{id:guid}/cancel", Cancel).WithSummary("Cancel a queued or running job; nothing of it is imported. 409 once it has ended");
        return app;
    }

    private static async Task<Results<Accepted<ImportJobView>, ProblemHttpResult>> Submit(HttpRequest request, CurrentStaff staff, WishDbContext db,
        ImportJobRunner runner, TimeProvider clock, CancellationToken cancellationToken)
    {
        Upload upload;
        try
        {
            upload = await EntryApi.ReadUploadAsync(request, cancellationToken, ImportJob.MaxBytes);
        }
        catch (CsvFileException e)
        {
            return ProblemDetailsExtensions.CodedProblem(StatusCodes.Status400BadRequest, e.Message, DomainErrorCodes.ImportFileInvalid);
        }
        var job = ImportJob.Create(staff.Id, staff.UserName, staff.Role, staff.ScopeDistrict, upload.FileName, upload.ContentType, upload.Bytes,
            clock.GetUtcNow());
        db.ImportJobs.Add(job);
        await db.SaveChangesAsync(cancellationToken);
        runner.Wake();
        return TypedResults.Accepted($"/api/admin/imports/jobs/{job.Id}", View(job));
    }

    private static async Task<Ok<ImportJobPage>> List([AsParameters] ImportJobListQuery query, CurrentStaff staff, WishDbContext db,
        CancellationToken cancellationToken)
    {
        var size = query.PageSize ?? 20;
        var number = query.Page ?? 1;
        var district = staff.ScopeDistrict;
        var jobs = db.ImportJobs.AsNoTracking().Where(j => district == null || j.DistrictCode == district);
        if (query.StatusValue is { } status) jobs = jobs.Where(j => j.Status == status);
        var items = await jobs.OrderByDescending(j => j.CreatedAt).ThenByDescending(j => j.Id).Skip((number - 1) * size).Take(size)
            .Select(ViewOf).ToListAsync(cancellationToken);
        return TypedResults.Ok(new ImportJobPage(items, await jobs.CountAsync(cancellationToken), number, size));
    }

    private static async Task<Ok<ImportJobView>> Get(Guid id, CurrentStaff staff, WishDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await FindAsync(db, id, staff, cancellationToken));

    private static async Task<Ok<ImportJobView>> Cancel(Guid id, CurrentStaff staff, WishDbContext db, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var job = await FindAsync(db, id, staff, cancellationToken);
        // One guarded UPDATE: it waits while the runner commits the job (it holds the row), then finds it ended and changes nothing.
        var cancelled = await db.ImportJobs.Where(j => j.Id == id && (j.Status == ImportJobStatus.Queued || j.Status == ImportJobStatus.Running))
            .ExecuteUpdateAsync(s => s.SetProperty(j => j.Status, ImportJobStatus.Cancelled).SetProperty(j => j.Message, ImportJob.CancelledMessage)
                .SetProperty(j => j.FinishedAt, clock.GetUtcNow()).SetProperty(j => j.File, (byte[]?)null)
                .SetProperty(j => j.LeaseOwner, (string?)null).SetProperty(j => j.LeaseUntil, (DateTimeOffset?)null), cancellationToken);
        if (cancelled == 0) throw ImportJob.AlreadyFinished((await FindAsync(db, id, staff, cancellationToken)).Status);
        db.Record(staff, "imports.job_cancelled", "ImportJob", id.ToString(), job.FileName, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(await FindAsync(db, id, staff, cancellationToken));
    }

    private static async Task<ImportJobView> FindAsync(WishDbContext db, Guid id, CurrentStaff staff, CancellationToken cancellationToken)
    {
        var job = await db.ImportJobs.AsNoTracking().Where(j => j.Id == id).Select(ViewOf).SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException(DomainErrorCodes.ImportJobNotFound, "找不到这个导入任务。");
        staff.EnsureCanActIn(job.DistrictCode);
        return job;
    }

    // A projection, so the file is never read: a list of twenty jobs must not fetch 400 MB. The errors are parsed as rows arrive.
    private static readonly Expression<Func<ImportJob, ImportJobView>> ViewOf = j => new ImportJobView(j.Id, j.Status, j.FileName, j.StaffUserName,
        j.DistrictCode, j.FileBytes, j.Rows, j.RowsChecked, j.RowsValid, j.ErrorRows, Errors(j.ErrorsJson), j.Imported, j.FirstCode, j.LastCode,
        j.Message, j.Encoding, j.Attempts, j.CreatedAt, j.StartedAt, j.FinishedAt);

    private static ImportJobView View(ImportJob job) => ViewOf.Compile()(job);

    private static List<RowError> Errors(string json) => JsonSerializer.Deserialize<List<RowError>>(json, ImportJobStore.Json) ?? [];
}
