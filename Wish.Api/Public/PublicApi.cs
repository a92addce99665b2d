using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WeChatWish.Api.Data;
using WeChatWish.Api.Infrastructure;
using WeChatWish.Domain;

namespace WeChatWish.Api.Public;

/// <summary>A claimed or fulfilled wish on the public list: no beneficiary at all, the volunteer masked.</summary>
public sealed record PublicClaimedWish(string Code, string Content, WishCategory Category, string DistrictCode, WishStatus Status,
    string VolunteerDisplayName);

public sealed record PublicClaimedList(string Round, IReadOnlyList<PublicClaimedWish> Items);

/// <summary>Wishes of the year by status; drafts are not counted.</summary>
public sealed record PublicStats(int Year, int Total, IReadOnlyDictionary<WishStatus, int> ByStatus);

/// <summary>What the programme publishes to everyone (DESIGN.md §1 "publication"): anonymous, anonymised.</summary>
public static class PublicApi
{
    public static IEndpointRouteBuilder MapPublicLists(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/public").WithTags("Public").AllowAnonymous().WithValidation();
        api.MapGet("/wishes/claimed", ClaimedWishes).WithSummary("This round's claimed and fulfilled wishes, anonymised (?round=yyyyMM)");
        api.MapGet("/stats", Stats).WithSummary("Counts of the year's wishes by status (?year=yyyy)");
        return app;
    }

    private static async Task<Results<Ok<PublicClaimedList>, ValidationProblem>> ClaimedWishes(
        string? round, WishDbContext db, WishRules rules, TimeProvider clock, CancellationToken cancellationToken)
    {
        Round wanted;
        if (round is null) wanted = CalendarRound(rules, clock);
        else if (!Round.TryParse(round, out wanted))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["round"] = ["轮次格式为yyyyMM，例如202612。"] },
                title: "轮次格式不正确。");

        var rows = await (from w in db.Wishes.AsNoTracking()
                          join c in db.Claims on w.Id equals c.WishId
                          join v in db.Volunteers on c.VolunteerId equals v.Id
                          where w.Round == wanted
                                && (w.Status == WishStatus.Claimed && c.Status == ClaimStatus.Active
                                    || Wish.DoneStatuses.Contains(w.Status) && c.Status == ClaimStatus.Fulfilled)
                          orderby w.Code
                          select new { w.Code, Content = w.MaskedContent, w.Category, w.DistrictCode, w.Status, v.Name }).ToListAsync(cancellationToken);
        return TypedResults.Ok(new PublicClaimedList(wanted.ToString(), rows
            .Select(r => new PublicClaimedWish(r.Code, r.Content, r.Category, r.DistrictCode, r.Status, NameMask.Mask(r.Name)))
            .ToList()));
    }

    private static async Task<Results<Ok<PublicStats>, ValidationProblem>> Stats(
        int? year, WishDbContext db, WishRules rules, TimeProvider clock, CancellationToken cancellationToken)
    {
        var wanted = year ?? rules.ToChinaTime(clock.GetUtcNow()).Year;
        if (wanted is < Round.MinYear or > Round.MaxYear)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["year"] = ["年份不正确。"] }, title: "年份不正确。");

        var (first, last) = (new Round(wanted, 1), new Round(wanted, 12));
        var counts = await db.Wishes.AsNoTracking()
            .Where(w => w.Round >= first && w.Round <= last && Wish.StoredStatuses.Contains(w.Status))
            .GroupBy(w => w.Status)
            .Select(g => new { Status = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var byStatus = Wish.StoredStatuses.ToDictionary(s => s, s => counts.FirstOrDefault(c => c.Status == s)?.Count ?? 0);
        return TypedResults.Ok(new PublicStats(wanted, byStatus.Values.Sum(), byStatus));
    }

    /// <summary>The round being published and fulfilled now: the calendar month in China time.</summary>
    private static Round CalendarRound(WishRules rules, TimeProvider clock)
    {
        var local = rules.ToChinaTime(clock.GetUtcNow());
        return new Round(local.Year, local.Month);
    }
}
