using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WeChatWish.Api.Auth;
using WeChatWish.Api.Data;
using WeChatWish.Api.Data.ReadModels;
using WeChatWish.Api.Infrastructure;
using WeChatWish.Api.ReferenceData;
using WeChatWish.Domain;

namespace WeChatWish.Api.Staff.Stats;

public sealed record Breakdown(string Key, string? Name, int Total, int Fulfilled);

public sealed record YearStats(
    int Year, string? DistrictCode, int Total, IReadOnlyDictionary<string, int> ByStatus, IReadOnlyList<Breakdown> ByDistrict,
    IReadOnlyList<Breakdown> ByCategory, IReadOnlyList<Breakdown> ByMonth, int Fulfilled, int Target, decimal TargetProgress,
    decimal FulfilledCost, decimal Budget, decimal BudgetUsed, int ActiveVolunteers, decimal ServiceHours, decimal ConfirmedServiceHours);

/// <summary>
/// The year's figures. A wish counts in the year of its round (the programme's unit of account); "fulfilled" means fulfilled or
/// confirmed. Active volunteers hold or fulfilled a claim on one of the year's wishes; hours are service-record entries dated in the year.
/// Every figure is read from the summaries the database keeps (Data/ReadModels/StatsSummaries.cs), not counted from the rows.
/// </summary>
public static class StatsApi
{
    public static IEndpointRouteBuilder MapStats(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/admin/stats").WithTags("Staff: statistics").RequireAuthorization(Policies.Staff).WithValidation()
            .MapGet("/", Get).WithSummary("?year: by status, district, category, month; target, budget, volunteers, hours");
        return app;
    }

    private static async Task<Ok<YearStats>> Get(int? year, CurrentStaff staff, WishDbContext db, WishRules rules,
        IOptions<ProgrammeOptions> programme, DistrictDirectory districts, TimeProvider clock, CancellationToken cancellationToken)
    {
        var y = year ?? rules.ToChinaTime(clock.GetUtcNow()).Year;
        if (y is < Round.MinYear or > Round.MaxYear - 1)
            throw new DomainValidationException(DomainErrorCodes.OutOfRange, "year", $"年份应在{Round.MinYear}到{Round.MaxYear - 1}之间。");
        return TypedResults.Ok(await ComputeAsync(db, rules, programme.Value, await districts.AllAsync(cancellationToken), y, staff.ScopeDistrict,
            cancellationToken));
    }

    public static async Task<YearStats> ComputeAsync(WishDbContext db, WishRules rules, ProgrammeOptions programme,
        IReadOnlyList<CodeName> districts, int year, string? district, CancellationToken cancellationToken)
    {
        var rounds = Enumerable.Range(1, 12).Select(m => new Round(year, m)).ToList();
        var summaries = db.WishCountSummaries.AsNoTracking().Where(s => rounds.Contains(s.Round));
        if (district is not null) summaries = summaries.Where(s => s.DistrictCode == district);
        // Slots summed; a key whose wishes all moved away sums to zero and is left out, as a count of the wishes would leave it.
        var groups = await summaries.GroupBy(s => new { s.Round, s.Status, s.DistrictCode, s.Category })
            .Select(g => new { g.Key.Round, g.Key.Status, g.Key.DistrictCode, g.Key.Category, Count = g.Sum(s => s.Wishes), Cost = g.Sum(s => s.EstimatedCost) })
            .Where(g => g.Count != 0)
            .ToListAsync(cancellationToken);

        static bool Done(WishStatus s) => Wish.DoneStatuses.Contains(s);
        var byStatus = Wish.StoredStatuses.ToDictionary(ApiEnum.Name, s => groups.Where(g => g.Status == s).Sum(g => g.Count));
        var byDistrict = groups.GroupBy(g => g.DistrictCode).OrderBy(g => g.Key)
            .Select(g => new Breakdown(g.Key, districts.FirstOrDefault(d => d.Code == g.Key)?.Name, g.Sum(x => x.Count),
                g.Where(x => Done(x.Status)).Sum(x => x.Count))).ToList();
        var byCategory = groups.GroupBy(g => g.Category).OrderBy(g => g.Key)
            .Select(g => new Breakdown(Categories.Of(g.Key).Code, Categories.Of(g.Key).Name, g.Sum(x => x.Count),
                g.Where(x => Done(x.Status)).Sum(x => x.Count))).ToList();
        var byMonth = rounds.Select(r => new Breakdown(r.ToString(), null, groups.Where(g => g.Round == r).Sum(g => g.Count),
            groups.Where(g => g.Round == r && Done(g.Status)).Sum(g => g.Count))).ToList();
        var fulfilled = groups.Where(g => Done(g.Status)).Sum(g => g.Count);
        var fulfilledCost = groups.Where(g => Done(g.Status)).Sum(g => g.Cost);

        var scope = district ?? StatsSummarySlots.NoDistrict;
        var activeVolunteers = await db.ActiveVolunteerCounts.AsNoTracking().Where(c => c.Year == year && c.DistrictCode == scope)
            .SumAsync(c => c.Volunteers, cancellationToken);
        var minutes = await MinutesAsync(db, rules, year, district, cancellationToken);

        return new YearStats(year, district, groups.Sum(g => g.Count), byStatus, byDistrict, byCategory, byMonth, fulfilled,
            programme.YearlyTarget, Ratio(fulfilled, programme.YearlyTarget), fulfilledCost, programme.YearlyBudget,
            Ratio(fulfilledCost, programme.YearlyBudget), activeVolunteers, Hours(minutes.Total), Hours(minutes.Final));
    }

    private static async Task<(long Total, long Final)> MinutesAsync(WishDbContext db, WishRules rules, int year, string? district,
        CancellationToken cancellationToken)
    {
        if (rules.UtcOffset != MinuteSummary.ChinaOffset) return await EntryMinutesAsync(db, rules, year, district, cancellationToken);
        var months = db.MinuteSummaries.AsNoTracking().Where(s => s.Month >= year * 100 + 1 && s.Month <= year * 100 + 12);
        if (district is not null) months = months.Where(s => s.DistrictCode == district);
        var sums = await months.GroupBy(s => s.IsFinal).Select(g => new { Final = g.Key, Minutes = g.Sum(s => s.Minutes) }).ToListAsync(cancellationToken);
        return (sums.Sum(m => m.Minutes), sums.Where(m => m.Final).Sum(m => m.Minutes));
    }

    // The summaries' months are China time (UTC+8); a deployment configured for another offset counts the lines themselves.
    private static async Task<(long Total, long Final)> EntryMinutesAsync(WishDbContext db, WishRules rules, int year, string? district,
        CancellationToken cancellationToken)
    {
        var from = new DateTimeOffset(year, 1, 1, 0, 0, 0, rules.UtcOffset).ToUniversalTime();
        var to = new DateTimeOffset(year + 1, 1, 1, 0, 0, 0, rules.UtcOffset).ToUniversalTime();
        var entries = db.ServiceRecordEntries.AsNoTracking().Where(e => e.At >= from && e.At < to);
        if (district is not null)
            entries = entries.Where(e => db.Volunteers.Any(v => v.Id == e.VolunteerId && v.DistrictCode == district));
        var sums = await entries.GroupBy(e => e.IsFinal).Select(g => new { Final = g.Key, Minutes = g.Sum(e => (long)e.Minutes) })
            .ToListAsync(cancellationToken);
        return (sums.Sum(m => m.Minutes), sums.Where(m => m.Final).Sum(m => m.Minutes));
    }

    private static decimal Ratio(decimal part, decimal whole) => whole == 0 ? 0 : decimal.Round(part / whole, 4);

    private static decimal Hours(long minutes) => decimal.Round(minutes / 60m, 2);
}
