using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WeChatWish.Api.Auth;
using WeChatWish.Api.Data;
using WeChatWish.Api.Staff;
using WeChatWish.Api.Infrastructure;
using WeChatWish.Domain;

namespace WeChatWish.Api.Staff.Claims;

public sealed record ClaimListQuery(string? Status, string? DistrictCode, int? Page, int? PageSize)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    public ClaimStatus? StatusValue => ApiEnum.Parse<ClaimStatus>(Status);
}

public sealed class ClaimListQueryValidator : AbstractValidator<ClaimListQuery>
{
    public ClaimListQueryValidator()
    {
        RuleFor(q => q.Status).Must((q, s) => s is null || q.StatusValue is not null)
            .WithMessage("状态应为 active、fulfilled、released、expired 或 revoked。");
        this.PagingRules(q => q.Page, q => q.PageSize, ClaimListQuery.MaxPageSize);
    }
}

/// <summary>A claim in the staff list: the wish it is on, who holds it, and whether it is past its due date.</summary>
public sealed record ClaimListItem(Guid Id, Guid WishId, string WishCode, string WishContent, string DistrictCode, WishStatus WishStatus,
    ClaimStatus Status, Guid VolunteerId, string VolunteerName, DateTimeOffset ClaimedAt, DateTimeOffset DueAt, bool Overdue,
    DateTimeOffset? EndedAt, int? Minutes);

public sealed record ClaimListPage(IReadOnlyList<ClaimListItem> Items, int Total, int Page, int PageSize);

/// <summary>
/// Claims for the staff console: active ones overdue first then by due date (what needs chasing), others newest first.
/// A coordinator sees their district's. Volunteers' names are shown to staff; beneficiaries' details are not in this list.
/// </summary>
public static class StaffClaimsApi
{
    public static IEndpointRouteBuilder MapStaffClaims(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/admin/claims").WithTags("Staff: claims and follow-ups").RequireAuthorization(Policies.Staff).WithValidation()
            .MapGet("/", List).WithSummary("?status=active|fulfilled|…&districtCode&page&pageSize → {items, total}: active ones overdue first");
        return app;
    }

    private static async Task<Ok<ClaimListPage>> List([AsParameters] ClaimListQuery query, CurrentStaff staff, WishDbContext db,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var district = staff.EffectiveDistrict(query.DistrictCode);
        var rows = from c in db.Claims.AsNoTracking()
                   join w in db.Wishes.AsNoTracking() on c.WishId equals w.Id
                   join v in db.Volunteers.AsNoTracking() on c.VolunteerId equals v.Id
                   select new { Claim = c, Wish = w, v.Name };
        if (query.StatusValue is { } status) rows = rows.Where(r => r.Claim.Status == status);
        if (district is not null) rows = rows.Where(r => r.Wish.DistrictCode == district);

        var page = query.Page ?? 1;
        var size = query.PageSize ?? ClaimListQuery.DefaultPageSize;
        var total = await rows.CountAsync(cancellationToken);
        var ordered = query.StatusValue == ClaimStatus.Active
            ? rows.OrderBy(r => r.Claim.DueAt).ThenBy(r => r.Claim.Id)
            : rows.OrderByDescending(r => r.Claim.EndedAt ?? r.Claim.ClaimedAt).ThenBy(r => r.Claim.Id);
        var items = await ordered.Skip((page - 1) * size).Take(size)
            .Select(r => new
            {
                r.Claim, r.Wish.Code, r.Wish.Content, r.Wish.DistrictCode, WishStatus = r.Wish.Status, r.Name,
                Minutes = db.Fulfilments.Where(f => f.ClaimId == r.Claim.Id).Select(f => (int?)f.Minutes).FirstOrDefault(),
            })
            .ToListAsync(cancellationToken);
        return TypedResults.Ok(new ClaimListPage(items.Select(i => new ClaimListItem(i.Claim.Id, i.Claim.WishId, i.Code, i.Content,
            i.DistrictCode, i.WishStatus, i.Claim.Status, i.Claim.VolunteerId, i.Name ?? "（未填写姓名）", i.Claim.ClaimedAt, i.Claim.DueAt,
            i.Claim.IsActive && i.Claim.DueAt < now, i.Claim.EndedAt, i.Minutes)).ToList(), total, page, size));
    }
}
