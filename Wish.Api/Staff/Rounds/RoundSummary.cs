using Microsoft.EntityFrameworkCore;
using WeChatWish.Api.Data;
using WeChatWish.Domain;

namespace WeChatWish.Api.Staff.Rounds;

public sealed record StatusFigures(WishStatus Status, int Count, decimal EstimatedCost);

/// <summary>Wishes moved by the roll-over: out of this round (unclaimed at its end) or into it from earlier rounds.</summary>
public sealed record RollOver(string Round, IReadOnlyList<string> Codes);

/// <summary>When the round's windows end (China-time midnights, as instants).</summary>
public sealed record RoundWindows(DateTimeOffset CollectionOpensAt, DateTimeOffset CollectionEndsAt, DateTimeOffset PublicationEndsAt,
    DateTimeOffset FulfilmentEndsAt)
{
    public static RoundWindows Of(RoundSchedule s) => new(s.CollectionOpensAt, s.CollectionEndsAt, s.PublicationEndsAt, s.FulfilmentEndsAt);
}

public sealed record RoundSummary(
    string Round,
    RoundWindows Schedule,
    IReadOnlyList<StatusFigures> ByStatus,
    int Total,
    decimal EstimatedCost,
    IReadOnlyList<RollOver> RolledOut,
    IReadOnlyList<RollOver> RolledIn,
    IReadOnlyList<ScheduledPublicationView> Publications)
{
    /// <summary>Counts and cost for the round (of one district for a coordinator); cost leaves out rejected and withdrawn wishes.</summary>
    public static async Task<RoundSummary> LoadAsync(WishDbContext db, WishRules rules, Round round, string? district,
        CancellationToken cancellationToken)
    {
        var wishes = db.Wishes.AsNoTracking().Where(w => w.Round == round);
        if (district is not null) wishes = wishes.Where(w => w.DistrictCode == district);
        var byStatus = await wishes.GroupBy(w => w.Status)
            .Select(g => new StatusFigures(g.Key, g.Count(), g.Sum(w => w.EstimatedCost)))
            .ToListAsync(cancellationToken);
        var ordered = Wish.StoredStatuses.Select(s => byStatus.FirstOrDefault(f => f.Status == s) ?? new StatusFigures(s, 0, 0)).ToList();
        var cost = ordered.Where(f => f.Status is not (WishStatus.Rejected or WishStatus.Withdrawn)).Sum(f => f.EstimatedCost);

        var moves = await (
                from h in db.WishStatusChanges.AsNoTracking()
                join w in db.Wishes.AsNoTracking() on h.WishId equals w.Id
                where h.Action == WishAction.MovedToRound && (district == null || w.DistrictCode == district)
                      && (EF.Functions.Like(h.Note!, round + " →%") || EF.Functions.Like(h.Note!, "%→ " + round))
                orderby w.Code
                select new { h.Note, w.Code })
            .ToListAsync(cancellationToken);
        var parsed = moves.Select(m => (Parts: m.Note!.Split(" → "), m.Code)).Where(m => m.Parts.Length == 2).ToList();
        var rolledOut = parsed.Where(m => m.Parts[0] == round.ToString()).GroupBy(m => m.Parts[1])
            .Select(g => new RollOver(g.Key, g.Select(m => m.Code).ToList())).ToList();
        var rolledIn = parsed.Where(m => m.Parts[1] == round.ToString()).GroupBy(m => m.Parts[0])
            .Select(g => new RollOver(g.Key, g.Select(m => m.Code).ToList())).ToList();

        var schedules = db.ScheduledPublications.AsNoTracking().Where(p => p.Round == round);
        if (district is not null) schedules = schedules.Where(p => p.DistrictCode == district || p.DistrictCode == null);
        var publications = await schedules.OrderBy(p => p.At).ToListAsync(cancellationToken);

        return new RoundSummary(round.ToString(), RoundWindows.Of(rules.Schedule(round)), ordered, ordered.Sum(f => f.Count), cost, rolledOut, rolledIn,
            publications.Select(ScheduledPublicationView.Of).ToList());
    }
}
