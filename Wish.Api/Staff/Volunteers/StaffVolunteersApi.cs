using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WeChatWish.Api.Auth;
using WeChatWish.Api.Data;
using WeChatWish.Api.LoveBank;
using WeChatWish.Api.Organisations;
using WeChatWish.Api.Staff;
using WeChatWish.Api.Infrastructure;
using WeChatWish.Api.Volunteers;
using WeChatWish.Domain;

namespace WeChatWish.Api.Staff.Volunteers;

public sealed record VolunteerListQuery(string? Q, string? DistrictCode, Guid? OrganisationId, int? Page, int? PageSize)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;
    public const int QueryMaxLength = 50;

    /// <summary>With q or organisationId the total is counted up to this many; one more means "more than this".</summary>
    public const int CountedTotalCap = 10_000;
}

public sealed class VolunteerListQueryValidator : AbstractValidator<VolunteerListQuery>
{
    public VolunteerListQueryValidator()
    {
        RuleFor(q => q.Q).MaximumLength(VolunteerListQuery.QueryMaxLength).WithMessage($"查询内容不能超过{VolunteerListQuery.QueryMaxLength}个字。");
        this.PagingRules(q => q.Page, q => q.PageSize, VolunteerListQuery.MaxPageSize);
    }
}

/// <summary>A volunteer in the staff list: confirmed and pending service time, points and star level (DESIGN.md §1), claims.</summary>
public sealed record StaffVolunteer(Guid Id, string Name, string? Phone, string? DistrictCode, int TotalMinutes, int PendingMinutes,
    int Points, int StarLevel, int ActiveClaims, int FulfilledClaims, DateTimeOffset RegisteredAt);

public sealed record StaffVolunteerPage(IReadOnlyList<StaffVolunteer> Items, int Total, int Page, int PageSize);

public sealed record StaffVolunteerClaim(Guid Id, Guid WishId, string WishCode, string WishContent, ClaimStatus Status,
    DateTimeOffset ClaimedAt, DateTimeOffset DueAt, DateTimeOffset? EndedAt);

/// <summary>One volunteer's profile and service record (爱心存折), as staff print and read it.</summary>
public sealed record StaffVolunteerDetail(Guid Id, string Name, Gender? Gender, int? BirthYear, PoliticalStatus? PoliticalStatus,
    string? Phone, IReadOnlyList<string> Specialties, string? ServiceIntent, string? DistrictCode, string? Organisation,
    DateTimeOffset RegisteredAt, int TotalMinutes, int PendingMinutes, int Points, int StarLevel, IReadOnlyList<ServiceRecordItem> Entries,
    IReadOnlyList<StaffVolunteerClaim> Claims)
{
    /// <summary>Certificates valid now (course, issued, expiry).</summary>
    public IReadOnlyList<StaffVolunteerCertificate> Trainings { get; init; } = [];

    public IReadOnlyList<StaffVolunteerCommendation> Commendations { get; init; } = [];

    /// <summary>The attendance ratings organisers gave: count, average and the most recent.</summary>
    public StaffVolunteerRatings Ratings { get; init; } = new(0, null, []);
}

public sealed record StaffVolunteerCertificate(string Course, DateTimeOffset IssuedAt, DateTimeOffset? ExpiresAt);

public sealed record StaffVolunteerCommendation(string Title, string Citation, int Points, DateTimeOffset AwardedAt);

public sealed record StaffVolunteerRating(Guid ActivityId, int Rating, DateTimeOffset At);

public sealed record StaffVolunteerRatings(int Count, decimal? Average, IReadOnlyList<StaffVolunteerRating> Recent);

/// <summary>
/// Volunteers for staff (API.md): a coordinator sees those of their district. Volunteers are the programme's own people, not the
/// vulnerable ones, so staff see their names and phones; the beneficiaries of their claims are not shown here.
/// </summary>
public static class StaffVolunteersApi
{
    public static IEndpointRouteBuilder MapStaffVolunteers(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/admin/volunteers").WithTags("Staff: volunteers").RequireAuthorization(Policies.Staff).WithValidation();
        api.MapGet("/", List).WithSummary("?q (name containing it or phone starting with it, % and _ literal)&districtCode&organisationId (its subtree's approved members)&page&pageSize → " +
            $"{{items, total}}: hours, points, stars, claims; with q or organisationId total is counted up to {VolunteerListQuery.CountedTotalCap} and {VolunteerListQuery.CountedTotalCap + 1} means more");
        api.MapGet("/{id:guid}", Get).WithSummary("One volunteer: profile, service record with its entries, claims");
        return app;
    }

    private static async Task<Ok<StaffVolunteerPage>> List([AsParameters] VolunteerListQuery query, CurrentStaff staff, WishDbContext db,
        WishRules rules, CancellationToken cancellationToken)
    {
        var district = staff.EffectiveDistrict(query.DistrictCode);
        var volunteers = db.Volunteers.AsNoTracking().Where(v => v.Name != null);
        if (district is not null) volunteers = volunteers.Where(v => v.DistrictCode == district);
        var q = query.Q?.Trim() is { Length: > 0 } text ? Like.Escape(text) : null;
        // LIKE rather than Contains (strpos), which the trigram indexes cannot serve; q's own % and _ are escaped, so they match themselves.
        if (q is not null) volunteers = volunteers.Where(v => EF.Functions.Like(v.Name!, "%" + q + "%", Like.EscapeCharacter)
                                                               || EF.Functions.Like(v.Phone!, q + "%", Like.EscapeCharacter));
        if (query.OrganisationId is { } organisationId)
        {
            // The approved members of the node and of every node under it.
            var path = await db.Organisations().Where(o => o.Id == organisationId).Select(o => o.Path).FirstOrDefaultAsync(cancellationToken)
                ?? throw DomainErrors.OrganisationNotFound();
            var members = OrganisationAccess.MembersOfSubtree(db, path);
            volunteers = volunteers.Where(v => members.Contains(v.Id));
        }

        var page = query.Page ?? 1;
        var size = query.PageSize ?? VolunteerListQuery.DefaultPageSize;
        volunteers = volunteers.OrderByDescending(v => v.CreatedAt).ThenBy(v => v.Id);
        // Unfiltered, the total is the kept per-district counts (counting 1,170,000 rows took 223 ms); a search is counted, up to a cap.
        var total = q is null && query.OrganisationId is null
            ? (int)await db.VolunteerDistrictCounts.Where(c => district == null || c.DistrictCode == district).SumAsync(c => c.Count, cancellationToken)
            : await volunteers.Take(VolunteerListQuery.CountedTotalCap + 1).CountAsync(cancellationToken);
        var rows = await volunteers.Skip((page - 1) * size).Take(size)
            .Select(v => new
            {
                v.Id, v.Name, v.Phone, v.DistrictCode, v.CreatedAt,
                Final = (int)(db.VolunteerMinuteTotals.Where(t => t.VolunteerId == v.Id).Sum(t => (long?)t.FinalMinutes) ?? 0),
                Pending = (int)(db.VolunteerMinuteTotals.Where(t => t.VolunteerId == v.Id).Sum(t => (long?)t.PendingMinutes) ?? 0),
                Active = db.Claims.Count(c => c.VolunteerId == v.Id && c.Status == ClaimStatus.Active),
                Fulfilled = db.Claims.Count(c => c.VolunteerId == v.Id && c.Status == ClaimStatus.Fulfilled),
                Balance = db.LoveBankAccounts.Where(a => a.VolunteerId == v.Id).Sum(a => (int?)a.Balance) ?? 0,
            })
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new StaffVolunteerPage(rows.Select(r => new StaffVolunteer(r.Id, r.Name!, r.Phone, r.DistrictCode, r.Final,
            r.Pending, r.Balance, WishRules.StarLevel(r.Final), r.Active, r.Fulfilled, r.CreatedAt)).ToList(), total, page, size));
    }

    private static async Task<Ok<StaffVolunteerDetail>> Get(Guid id, CurrentStaff staff, WishDbContext db, LoveBankLedger ledger,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var v = await db.Volunteers.AsNoTracking().FirstOrDefaultAsync(v => v.Id == id, cancellationToken)
            ?? throw DomainErrors.VolunteerNotFound();
        staff.EnsureCanActIn(v.DistrictCode ?? "");

        var entries = await db.ServiceRecordEntries.AsNoTracking().Where(e => e.VolunteerId == id)
            .OrderByDescending(e => e.At).ThenByDescending(e => e.Id)
            .Select(e => new ServiceRecordItem(e.At, e.Place, e.Content, e.Minutes, e.Witness, e.IsFinal))
            .ToListAsync(cancellationToken);
        var claims = await (from c in db.Claims.AsNoTracking()
                            join w in db.Wishes.AsNoTracking() on c.WishId equals w.Id
                            where c.VolunteerId == id
                            orderby c.ClaimedAt descending
                            select new StaffVolunteerClaim(c.Id, c.WishId, w.Code, w.Content, c.Status, c.ClaimedAt, c.DueAt, c.EndedAt))
            .ToListAsync(cancellationToken);
        var final = entries.Where(e => e.Final).Sum(e => e.Minutes);
        var now = clock.GetUtcNow();
        var trainings = await db.TrainingCertificates.AsNoTracking()
            .Where(c => c.VolunteerId == id && c.IssuedAt <= now && (c.ExpiresAt == null || c.ExpiresAt > now))
            .OrderByDescending(c => c.IssuedAt).Select(c => new StaffVolunteerCertificate(c.Course, c.IssuedAt, c.ExpiresAt)).ToListAsync(cancellationToken);
        var commendations = await db.Commendations.AsNoTracking().Where(c => c.VolunteerId == id).OrderByDescending(c => c.AwardedAt)
            .Select(c => new StaffVolunteerCommendation(c.Title, c.Citation, c.Points, c.AwardedAt)).ToListAsync(cancellationToken);
        var rated = db.SignUps.AsNoTracking().Where(s => s.VolunteerId == id && s.Rating != null);
        var ratingCount = await rated.CountAsync(cancellationToken);
        var average = ratingCount == 0 ? (decimal?)null : decimal.Round((decimal)await rated.AverageAsync(s => (double)s.Rating!.Value, cancellationToken), 1);
        var recent = await rated.OrderByDescending(s => s.AttendanceConfirmedAt).Take(5)
            .Select(s => new StaffVolunteerRating(s.ActivityId, s.Rating!.Value, s.AttendanceConfirmedAt ?? s.SignedUpAt)).ToListAsync(cancellationToken);
        return TypedResults.Ok(new StaffVolunteerDetail(v.Id, v.Name ?? "（未填写姓名）", v.Gender, v.BirthYear, v.PoliticalStatus, v.Phone,
            v.Specialties, v.ServiceIntent, v.DistrictCode, v.Organisation, v.CreatedAt, final, entries.Where(e => !e.Final).Sum(e => e.Minutes),
            await ledger.BalanceAsync(id, cancellationToken), WishRules.StarLevel(final), entries, claims)
        {
            Trainings = trainings,
            Commendations = commendations,
            Ratings = new StaffVolunteerRatings(ratingCount, average, recent),
        });
    }
}
