using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WeChatWish.Api.Auth;
using WeChatWish.Api.Data;
using WeChatWish.Api.Infrastructure;
using WeChatWish.Api.LoveBank;
using WeChatWish.Api.ReferenceData;
using WeChatWish.Api.Staff;
using WeChatWish.Api.Volunteers;
using WeChatWish.Domain;

namespace WeChatWish.Api.Training;

public sealed record TrainingSessionRequest(string? Course, string? Title, DateTimeOffset? StartsAt, string? Place, string? DistrictCode,
    int? CertificateValidMonths);

public sealed class TrainingSessionRequestValidator : AbstractValidator<TrainingSessionRequest>
{
    public TrainingSessionRequestValidator(DistrictDirectory districts)
    {
        RuleFor(r => r.Course).NotEmpty().WithMessage("请填写培训课程（如 应急救护）。")
            .MaximumLength(TrainingSession.CourseMaxLength).WithMessage($"培训课程不能超过{TrainingSession.CourseMaxLength}个字。");
        RuleFor(r => r.Title).MaximumLength(TrainingSession.TitleMaxLength).WithMessage($"培训名称不能超过{TrainingSession.TitleMaxLength}个字。");
        RuleFor(r => r.StartsAt).NotNull().WithMessage("请填写培训时间。");
        RuleFor(r => r.Place).NotEmpty().WithMessage("请填写培训地点。")
            .MaximumLength(TrainingSession.PlaceMaxLength).WithMessage($"培训地点不能超过{TrainingSession.PlaceMaxLength}个字。");
        RuleFor(r => r.DistrictCode).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("请选择所在区。")
            .MustAsync((code, ct) => districts.ExistsAsync(code, ct)).WithMessage("请从列表中选择所在区。");
        RuleFor(r => r.CertificateValidMonths).InclusiveBetween(1, TrainingSession.MaxValidMonths)
            .WithMessage($"证书有效期应在1到{TrainingSession.MaxValidMonths}个月之间；长期有效请留空。");
    }
}

public sealed record TrainingAttendanceRequest(IReadOnlyList<Guid>? VolunteerIds);

public sealed class TrainingAttendanceRequestValidator : AbstractValidator<TrainingAttendanceRequest>
{
    public const int MaxVolunteers = 500;

    public TrainingAttendanceRequestValidator() =>
        RuleFor(r => r.VolunteerIds).NotEmpty().WithMessage("请选择参加培训的志愿者。")
            .Must(ids => ids is null || ids.Count <= MaxVolunteers).WithMessage($"一次最多登记{MaxVolunteers}人。");
}

public sealed record CommendationRequest(string? Title, int? Year, string? Citation, int? Points);

public sealed class CommendationRequestValidator : AbstractValidator<CommendationRequest>
{
    public CommendationRequestValidator()
    {
        RuleFor(r => r.Title).NotEmpty().WithMessage("请填写表彰名称（如 优秀志愿者）。")
            .MaximumLength(Commendation.TitleMaxLength).WithMessage($"表彰名称不能超过{Commendation.TitleMaxLength}个字。");
        RuleFor(r => r.Year).NotNull().WithMessage("请填写年度。").InclusiveBetween(2000, 2100).WithMessage("年度不正确。");
        RuleFor(r => r.Citation).NotEmpty().WithMessage("请填写表彰事迹。")
            .MaximumLength(Commendation.CitationMaxLength).WithMessage($"表彰事迹不能超过{Commendation.CitationMaxLength}个字。");
        RuleFor(r => r.Points).InclusiveBetween(0, Commendation.MaxPoints).WithMessage($"奖励积分应在0到{Commendation.MaxPoints}之间。");
    }
}

public sealed record TrainingSessionView(Guid Id, string Course, string? Title, DateTimeOffset StartsAt, string Place, string DistrictCode,
    int? CertificateValidMonths, int Attended)
{
    public static TrainingSessionView Of(TrainingSession s, int attended) =>
        new(s.Id, s.Course, s.Title, s.StartsAt, s.Place, s.DistrictCode, s.CertificateValidMonths, attended);
}

public sealed record TrainingSessionList(IReadOnlyList<TrainingSessionView> Items);

public sealed record CertificateView(Guid Id, Guid VolunteerId, string Course, Guid SessionId, DateTimeOffset IssuedAt, DateTimeOffset? ExpiresAt);

public sealed record CertificateList(IReadOnlyList<CertificateView> Items);

public sealed record TrainingAttendanceResult(int Issued, int AlreadyCertified, IReadOnlyList<CertificateView> Certificates);

public sealed record CommendationView(Guid Id, Guid VolunteerId, string Title, int Year, string Citation, int Points, DateTimeOffset AwardedAt)
{
    public static CommendationView Of(Commendation c) => new(c.Id, c.VolunteerId, c.Title, c.Year, c.Citation, c.Points, c.AwardedAt);
}

public sealed record CommendationList(IReadOnlyList<CommendationView> Items);

/// <summary>Training courses' sessions and their certificates; commendations with their points (DESIGN.md §9).</summary>
public static class TrainingApi
{
    public static IEndpointRouteBuilder MapTraining(this IEndpointRouteBuilder app)
    {
        var staff = app.MapGroup("/api/admin").WithTags("Staff: training and commendations").RequireAuthorization(Policies.Staff).WithValidation();
        staff.MapPost("/trainings", CreateSession).WithSummary("A training session {course, title?, startsAt, place, districtCode, certificateValidMonths?}");
        staff.MapGet("/trainings", ListSessions).WithSummary("Training sessions, latest first, with how many attended");
        staff.MapPost("/trainings/{id:guid}/attendance", RecordAttendance)
            .WithSummary("Records who attended {volunteerIds}: each gets the course's certificate once").ProducesProblem(404).ProducesProblem(422);
        staff.MapPost("/volunteers/{id:guid}/commendations", Commend)
            .WithSummary("Commends a volunteer {title, year, citation, points?}; the points go into the love bank").ProducesProblem(403).ProducesProblem(404);

        var mine = app.MapGroup("/api/me").WithTags("Volunteers: love bank").RequireAuthorization(Policies.Volunteer);
        mine.MapGet("/certificates", MyCertificates).WithSummary("The volunteer's training certificates");
        mine.MapGet("/commendations", MyCommendations).WithSummary("The volunteer's commendations");
        return app;
    }

    private static async Task<Created<TrainingSessionView>> CreateSession(TrainingSessionRequest request, CurrentStaff staff, WishDbContext db,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        staff.EnsureCanActIn(request.DistrictCode);
        var now = clock.GetUtcNow();
        var session = TrainingSession.Create(new NewTrainingSession(request.Course!, request.Title, request.StartsAt!.Value, request.Place!,
            request.DistrictCode!, request.CertificateValidMonths), staff.Actor, now);
        db.TrainingSessions.Add(session);
        db.Record(staff, "training.created", nameof(TrainingSession), session.Id.ToString(), session.Course, now);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/admin/trainings", TrainingSessionView.Of(session, 0));
    }

    private static async Task<Ok<TrainingSessionList>> ListSessions(CurrentStaff staff, WishDbContext db, CancellationToken cancellationToken)
    {
        var district = staff.ScopeDistrict;
        var sessions = await db.TrainingSessions.AsNoTracking().Where(s => district == null || s.DistrictCode == district)
            .OrderByDescending(s => s.StartsAt).Take(200)
            .Select(s => new { Session = s, Attended = db.TrainingCertificates.Count(c => c.SessionId == s.Id) }).ToListAsync(cancellationToken);
        return TypedResults.Ok(new TrainingSessionList(sessions.Select(s => TrainingSessionView.Of(s.Session, s.Attended)).ToList()));
    }

    private static async Task<Ok<TrainingAttendanceResult>> RecordAttendance(Guid id, TrainingAttendanceRequest request, CurrentStaff staff,
        WishDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var session = await db.TrainingSessions.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id, cancellationToken)
            ?? throw new NotFoundException(DomainErrorCodes.TrainingNotFound, "找不到这次培训。");
        staff.EnsureCanActIn(session.DistrictCode);
        var ids = request.VolunteerIds!.Distinct().ToList();
        var known = await db.Volunteers.Where(v => ids.Contains(v.Id)).Select(v => v.Id).ToListAsync(cancellationToken);
        if (known.Count != ids.Count) throw DomainErrors.VolunteerNotFound();
        var now = clock.GetUtcNow();
        var certified = await db.TrainingCertificates.Where(c => c.SessionId == id && ids.Contains(c.VolunteerId)).Select(c => c.VolunteerId)
            .ToListAsync(cancellationToken);
        var issued = ids.Except(certified).Select(v => session.Certify(v, now)).ToList();
        db.TrainingCertificates.AddRange(issued);
        db.Record(staff, "training.attended", nameof(TrainingSession), session.Id.ToString(), $"{issued.Count} certificates", now);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new TrainingAttendanceResult(issued.Count, certified.Count, issued.Select(View).ToList()));
    }

    private static async Task<Created<CommendationView>> Commend(Guid id, CommendationRequest request, CurrentStaff staff, WishDbContext db,
        LoveBankLedger ledger, TimeProvider clock, CancellationToken cancellationToken)
    {
        var volunteer = await db.Volunteers.AsNoTracking().Where(v => v.Id == id).Select(v => new { v.DistrictCode }).FirstOrDefaultAsync(cancellationToken)
            ?? throw DomainErrors.VolunteerNotFound();
        staff.EnsureCanActIn(volunteer.DistrictCode);
        var now = clock.GetUtcNow();
        var commendation = Commendation.Award(id, request.Title!, request.Year!.Value, request.Citation!, request.Points ?? 0, staff.Actor, now);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Commendations.Add(commendation);
        if (commendation.LedgerEntry() is { } row) await ledger.CreditAsync(row, cancellationToken);
        db.Record(staff, "volunteer.commended", nameof(Volunteer), id.ToString(), $"{commendation.Year} {commendation.Title}, {commendation.Points} points", now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return TypedResults.Created($"/api/admin/volunteers/{id}/passbook", CommendationView.Of(commendation));
    }

    private static async Task<Ok<CertificateList>> MyCertificates(CurrentVolunteer me, WishDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(new CertificateList((await db.TrainingCertificates.AsNoTracking().Where(c => c.VolunteerId == me.Id)
            .OrderByDescending(c => c.IssuedAt).ToListAsync(cancellationToken)).Select(View).ToList()));

    private static async Task<Ok<CommendationList>> MyCommendations(CurrentVolunteer me, WishDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(new CommendationList((await db.Commendations.AsNoTracking().Where(c => c.VolunteerId == me.Id)
            .OrderByDescending(c => c.Year).ThenByDescending(c => c.AwardedAt).ToListAsync(cancellationToken)).Select(CommendationView.Of).ToList()));

    private static CertificateView View(TrainingCertificate c) => new(c.Id, c.VolunteerId, c.Course, c.SessionId, c.IssuedAt, c.ExpiresAt);
}
