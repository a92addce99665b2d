using System.Globalization;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WeChatWish.Api.Auth;
using WeChatWish.Api.Data;
using WeChatWish.Api.Infrastructure;
using WeChatWish.Api.Staff;
using WeChatWish.Api.Staff.Entry;
using WeChatWish.Domain;

namespace WeChatWish.Api.Entitlements;

public sealed record EntitlementProgrammeRequest(string? Name, string? Provider, string? Unit, int? PerWeek, int? PerMonth, DateOnly? ValidFrom,
    DateOnly? ValidTo);

public sealed class EntitlementProgrammeRequestValidator : AbstractValidator<EntitlementProgrammeRequest>
{
    public EntitlementProgrammeRequestValidator()
    {
        RuleFor(r => r.Name).NotEmpty().WithMessage("请填写项目名称。")
            .MaximumLength(EntitlementProgramme.NameMaxLength).WithMessage($"项目名称不能超过{EntitlementProgramme.NameMaxLength}个字。");
        RuleFor(r => r.Provider).NotEmpty().WithMessage("请填写服务提供方。")
            .MaximumLength(EntitlementProgramme.ProviderMaxLength).WithMessage($"服务提供方不能超过{EntitlementProgramme.ProviderMaxLength}个字。");
        RuleFor(r => r.Unit).NotEmpty().WithMessage("请填写单位（如：件）。")
            .MaximumLength(EntitlementProgramme.UnitMaxLength).WithMessage($"单位不能超过{EntitlementProgramme.UnitMaxLength}个字。");
        RuleFor(r => r.PerMonth).NotNull().WithMessage("请填写每月限额。")
            .InclusiveBetween(1, EntitlementProgramme.MaxPerMonth).WithMessage($"每月限额应在1到{EntitlementProgramme.MaxPerMonth}之间。");
        RuleFor(r => r.PerWeek).NotNull().WithMessage("请填写每周限额。")
            .GreaterThanOrEqualTo(1).WithMessage("每周限额至少为1。");
        RuleFor(r => r.PerWeek).LessThanOrEqualTo(r => r.PerMonth).When(r => r.PerMonth is not null).WithMessage("每周限额不能大于每月限额。");
        RuleFor(r => r.ValidFrom).NotNull().WithMessage("请填写开始日期。");
        RuleFor(r => r.ValidTo).GreaterThanOrEqualTo(r => r.ValidFrom).When(r => r.ValidTo is not null && r.ValidFrom is not null)
            .WithMessage("结束日期不能早于开始日期。");
    }
}

public sealed record EntitlementProgrammeView(Guid Id, string Name, string Provider, string Unit, int PerWeek, int PerMonth, DateOnly ValidFrom,
    DateOnly? ValidTo, int People, DateTimeOffset CreatedAt);

public sealed record RosterImportResult(int Imported);

/// <summary>At the counter: the person by the work number staff type, or by the token their QR card shows; exactly one of the two.</summary>
public sealed record RedemptionRequest(string? WorkNumber, string? CardToken, int? Items);

public sealed class RedemptionRequestValidator : AbstractValidator<RedemptionRequest>
{
    public RedemptionRequestValidator()
    {
        RuleFor(r => r.WorkNumber).NotEmpty().When(r => string.IsNullOrWhiteSpace(r.CardToken)).WithMessage("请输入工号或扫描卡片。")
            .MaximumLength(EntitlementPerson.WorkNumberMaxLength).WithMessage($"工号不能超过{EntitlementPerson.WorkNumberMaxLength}个字符。");
        RuleFor(r => r.CardToken).Empty().When(r => !string.IsNullOrWhiteSpace(r.WorkNumber)).WithMessage("工号和卡片只需其一。")
            .MaximumLength(64).WithMessage("卡片码不正确。");
        RuleFor(r => r.Items).NotNull().WithMessage("请输入数量。")
            .InclusiveBetween(1, EntitlementProgramme.MaxPerMonth).WithMessage("数量至少为1。");
    }
}

public sealed record UndoRequest(string? Reason);

public sealed class UndoRequestValidator : AbstractValidator<UndoRequest>
{
    public UndoRequestValidator() =>
        RuleFor(r => r.Reason).NotEmpty().WithMessage("请填写撤销原因。")
            .MaximumLength(EntitlementRedemption.UndoReasonMaxLength).WithMessage($"撤销原因不能超过{EntitlementRedemption.UndoReasonMaxLength}个字。");
}

/// <summary>A redemption as the counter shows it: who (name and work number, to check against the person in front of staff), how many, what is left.</summary>
public sealed record RedemptionView(Guid Id, Guid ProgrammeId, Guid PersonId, string WorkNumber, string Name, int Items, string Unit,
    DateTimeOffset At, int WeekRemaining, int MonthRemaining, DateTimeOffset? UndoneAt, string? UndoReason);

public sealed record EntitlementReport(string Month, int People, int Served, int Items, int Unused);

internal static class EntitlementSets
{
    public static DbSet<EntitlementProgramme> EntitlementProgrammes(this WishDbContext db) => db.Set<EntitlementProgramme>();

    public static DbSet<EntitlementPerson> EntitlementPeople(this WishDbContext db) => db.Set<EntitlementPerson>();

    public static DbSet<EntitlementRedemption> EntitlementRedemptions(this WishDbContext db) => db.Set<EntitlementRedemption>();
}

/// <summary>
/// Recurring entitlements (DESIGN.md §11, API.md "Organisations, entitlements, offers"). Programmes and their rosters are set up by
/// admins; the counter (redeem, undo) and the monthly report are open to every staff role, district coordinators of any district
/// included, since a programme belongs to no district and the counter staff are whoever is on duty.
/// </summary>
public static class EntitlementsApi
{
    public static IHostApplicationBuilder AddEntitlements(this IHostApplicationBuilder builder) => builder;

    public static IEndpointRouteBuilder MapEntitlements(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin/entitlements").WithTags("Staff: entitlements").RequireAuthorization(Policies.Admin).WithValidation();
        admin.MapPost("/", Create).WithSummary("Create a programme {name, provider, unit, perWeek, perMonth, validFrom, validTo?}");
        admin.MapPost("/{id:guid}/roster", ImportRoster).DisableAntiforgery()
            .WithSummary("Import the roster (CSV or .xlsx as multipart file, or a text/csv or xlsx body; header 姓名,工号,电话,班组 or name,workNumber,phone,team): "
                + "{imported}, or 400 with every bad row's number and reason, importing nothing");

        var counter = app.MapGroup("/api/admin/entitlements").WithTags("Staff: entitlements").RequireAuthorization(Policies.Staff).WithValidation();
        counter.MapGet("/", List).WithSummary("Every programme with the size of its roster");
        counter.MapGet("/{id:guid}", Get).WithSummary("One programme");
        counter.MapPost("/{id:guid}/redemptions", Redeem)
            .WithSummary("Record items for a person {workNumber or cardToken, items}: 201 with what is left this week and month, "
                + "or 422 (code entitlement.quota_exceeded) with weekRemaining and monthRemaining")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        counter.MapPost("/{id:guid}/redemptions/{redemptionId:guid}/undo", Undo)
            .WithSummary("Undo a redemption the same day (China time) {reason}; its items count again")
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        counter.MapGet("/{id:guid}/report", Report)
            .WithSummary("?month=yyyyMM → {people on the roster, served, items, unused}: the month's report for the office")
            .ProducesProblem(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Created<EntitlementProgrammeView>> Create(EntitlementProgrammeRequest request, CurrentStaff staff, WishDbContext db,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var programme = EntitlementProgramme.Create(request.Name, request.Provider, request.Unit, request.PerWeek!.Value, request.PerMonth!.Value,
            request.ValidFrom!.Value, request.ValidTo, staff.Actor, now);
        db.Add(programme);
        db.Record(staff, "entitlement.created", nameof(EntitlementProgramme), programme.Id.ToString(),
            $"{programme.PerWeek}/week, {programme.PerMonth}/month", now);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/admin/entitlements/{programme.Id}", View(programme, 0));
    }

    private static async Task<Ok<List<EntitlementProgrammeView>>> List(WishDbContext db, CancellationToken cancellationToken)
    {
        var rows = await db.EntitlementProgrammes().AsNoTracking().OrderByDescending(p => p.CreatedAt).ThenBy(p => p.Id)
            .Select(p => new { Programme = p, People = db.EntitlementPeople().Count(e => e.ProgrammeId == p.Id) })
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(rows.Select(r => View(r.Programme, r.People)).ToList());
    }

    private static async Task<Ok<EntitlementProgrammeView>> Get(Guid id, WishDbContext db, CancellationToken cancellationToken)
    {
        var programme = await FindAsync(db, id, cancellationToken);
        var people = await db.EntitlementPeople().CountAsync(e => e.ProgrammeId == id, cancellationToken);
        return TypedResults.Ok(View(programme, people));
    }

    private static async Task<Results<Ok<RosterImportResult>, ProblemHttpResult>> ImportRoster(Guid id, HttpRequest request, CurrentStaff staff,
        WishDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var programme = await FindAsync(db, id, cancellationToken);
        RosterOutcome outcome;
        try
        {
            var upload = await EntryApi.ReadUploadAsync(request, cancellationToken);
            outcome = await RosterImport.ImportAsync(db, programme, upload, staff, clock.GetUtcNow(), cancellationToken);
        }
        catch (CsvFileException e)
        {
            return ProblemDetailsExtensions.CodedProblem(StatusCodes.Status400BadRequest, e.Message, DomainErrorCodes.ImportFileInvalid);
        }
        if (outcome.Errors.Count == 0) return TypedResults.Ok(new RosterImportResult(outcome.Imported));

        var badRows = outcome.Errors.Select(e => e.Row).Distinct().Count();
        return TypedResults.Problem(
            title: $"名单导入未完成：{badRows}行有误，所有行均未导入。请改正后重新导入整个文件。",
            statusCode: StatusCodes.Status400BadRequest,
            extensions: new Dictionary<string, object?>
            {
                ["code"] = DomainErrorCodes.ImportRowsInvalid,
                ["rowErrors"] = outcome.Errors.Select(e => new { row = e.Row, message = e.Message }).ToList(),
            });
    }

    /// <summary>
    /// The quota holds under concurrency because the person's roster row is locked (FOR UPDATE) before their redemptions are
    /// counted: a second counter's request for the same person waits for the first to commit, then counts its items too.
    /// </summary>
    private static async Task<Results<Created<RedemptionView>, ProblemHttpResult>> Redeem(Guid id, RedemptionRequest request, CurrentStaff staff,
        WishDbContext db, WishRules rules, TimeProvider clock, CancellationToken cancellationToken)
    {
        var programme = await FindAsync(db, id, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        EntitlementPerson? person;
        if (!string.IsNullOrWhiteSpace(request.WorkNumber))
        {
            var number = EntitlementPerson.NormaliseWorkNumber(request.WorkNumber);
            person = await db.EntitlementPeople().FromSql(
                    $"""SELECT * FROM "EntitlementPeople" WHERE "ProgrammeId" = {id} AND "WorkNumber" = {number} FOR UPDATE""")
                .SingleOrDefaultAsync(cancellationToken);
        }
        else
        {
            var token = request.CardToken!.Trim().ToUpperInvariant();
            person = await db.EntitlementPeople().FromSql(
                    $"""SELECT * FROM "EntitlementPeople" WHERE "ProgrammeId" = {id} AND "CardToken" = {token} FOR UPDATE""")
                .SingleOrDefaultAsync(cancellationToken);
        }
        if (person is null)
            throw new NotFoundException(DomainErrorCodes.EntitlementPersonNotFound,
                string.IsNullOrWhiteSpace(request.WorkNumber) ? "这张卡不在本项目的名单上。" : $"工号“{request.WorkNumber.Trim()}”不在本项目的名单上。");

        var now = clock.GetUtcNow();
        var counted = await CountedAsync(db, person.Id, now, rules.UtcOffset, cancellationToken);
        EntitlementRedemption redemption;
        try
        {
            redemption = programme.Redeem(person, request.Items!.Value, counted, staff.Actor, now, rules.UtcOffset);
        }
        catch (EntitlementQuotaExceededException e)
        {
            return TypedResults.Problem(title: e.Message, statusCode: StatusCodes.Status422UnprocessableEntity,
                extensions: new Dictionary<string, object?>
                {
                    ["code"] = e.Code,
                    ["weekRemaining"] = e.Remaining.Week,
                    ["monthRemaining"] = e.Remaining.Month,
                });
        }
        db.Add(redemption);
        db.Record(staff, "entitlement.redeemed", nameof(EntitlementRedemption), redemption.Id.ToString(),
            $"programme {programme.Id}, person {person.Id}, {redemption.Items} items", now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        var left = programme.Remaining([.. counted, redemption], now, rules.UtcOffset);
        return TypedResults.Created($"/api/admin/entitlements/{id}/redemptions/{redemption.Id}", View(redemption, person, programme, left));
    }

    private static async Task<Ok<RedemptionView>> Undo(Guid id, Guid redemptionId, UndoRequest request, CurrentStaff staff, WishDbContext db,
        WishRules rules, TimeProvider clock, CancellationToken cancellationToken)
    {
        var programme = await FindAsync(db, id, cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var redemption = await db.EntitlementRedemptions().FromSql(
                $"""SELECT * FROM "EntitlementRedemptions" WHERE "Id" = {redemptionId} AND "ProgrammeId" = {id} FOR UPDATE""")
            .SingleOrDefaultAsync(cancellationToken)
            ?? throw new NotFoundException(DomainErrorCodes.EntitlementRedemptionNotFound, "找不到这条登记。");
        var now = clock.GetUtcNow();
        redemption.Undo(request.Reason, staff.Actor, now, rules.UtcOffset);
        db.Record(staff, "entitlement.undone", nameof(EntitlementRedemption), redemption.Id.ToString(), $"programme {programme.Id}", now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        var person = await db.EntitlementPeople().AsNoTracking().SingleAsync(p => p.Id == redemption.PersonId, cancellationToken);
        var counted = await CountedAsync(db, person.Id, now, rules.UtcOffset, cancellationToken);
        return TypedResults.Ok(View(redemption, person, programme, programme.Remaining(counted, now, rules.UtcOffset)));
    }

    private static async Task<Ok<EntitlementReport>> Report(Guid id, string? month, WishDbContext db, WishRules rules,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(month)
            || !DateTime.TryParseExact(month.Trim(), "yyyyMM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var first))
            throw new DomainValidationException(DomainErrorCodes.Invalid, "month", "请按yyyyMM填写月份，如202612。");
        var programme = await FindAsync(db, id, cancellationToken);
        var (from, to) = EntitlementProgramme.MonthOf(first.Year, first.Month, rules.UtcOffset);

        // The roster as it stood by the month's end; each person's unused items are what the month allowed less what they took.
        var used = await db.EntitlementPeople().AsNoTracking().Where(p => p.ProgrammeId == id && p.CreatedAt < to)
            .Select(p => db.EntitlementRedemptions()
                .Where(r => r.PersonId == p.Id && r.UndoneAt == null && r.At >= from && r.At < to).Sum(r => (int?)r.Items) ?? 0)
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new EntitlementReport(first.ToString("yyyyMM", CultureInfo.InvariantCulture), used.Count, used.Count(u => u > 0),
            used.Sum(), used.Sum(u => Math.Max(0, programme.PerMonth - u))));
    }

    private static async Task<List<EntitlementRedemption>> CountedAsync(WishDbContext db, Guid personId, DateTimeOffset now, TimeSpan offset,
        CancellationToken cancellationToken)
    {
        var (from, to) = EntitlementProgramme.CountingWindow(now, offset);
        return await db.EntitlementRedemptions().AsNoTracking()
            .Where(r => r.PersonId == personId && r.UndoneAt == null && r.At >= from && r.At < to)
            .ToListAsync(cancellationToken);
    }

    private static async Task<EntitlementProgramme> FindAsync(WishDbContext db, Guid id, CancellationToken cancellationToken) =>
        await db.EntitlementProgrammes().AsNoTracking().SingleOrDefaultAsync(p => p.Id == id, cancellationToken)
        ?? throw new NotFoundException(DomainErrorCodes.EntitlementNotFound, "找不到这个权益项目。");

    private static EntitlementProgrammeView View(EntitlementProgramme p, int people) =>
        new(p.Id, p.Name, p.Provider, p.Unit, p.PerWeek, p.PerMonth, p.ValidFrom, p.ValidTo, people, p.CreatedAt);

    private static RedemptionView View(EntitlementRedemption r, EntitlementPerson person, EntitlementProgramme programme, EntitlementQuota left) =>
        new(r.Id, r.ProgrammeId, r.PersonId, person.WorkNumber, person.Name, r.Items, programme.Unit, r.At, left.Week, left.Month, r.UndoneAt,
            r.UndoReason);
}
