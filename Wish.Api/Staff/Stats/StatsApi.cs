using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WeChatWish.Api.Auth;
using WeChatWish.Api.Data;
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
        var wishes = db.Wishes.AsNoTracking().Where(w => rounds.Contains(w.Round));
        if (district is not null) wishes = wishes.Where(w => w.DistrictCode == district);
        var groups = await wishes.GroupBy(w => new { w.Round, w.Status, w.DistrictCode, w.Category })
            .Select(g => new { g.Key.Round, g.Key.Status, g.Key.DistrictCode, g.Key.Category, Count = g.Count(), Cost = g.Sum(w => w.EstimatedCost) })
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

        var wishIds = wishes.Select(w => w.Id);
        var activeVolunteers = await db.Claims.AsNoTracking()
            .Where(c => wishIds.Contains(c.WishId) && (c.Status == ClaimStatus.Active || c.Status == ClaimStatus.Fulfilled))
            .Select(c => c.VolunteerId).Distinct().CountAsync(cancellationToken);
        var from = new DateTimeOffset(year, 1, 1, 0, 0, 0, rules.UtcOffset).ToUniversalTime();
        var to = new DateTimeOffset(year + 1, 1, 1, 0, 0, 0, rules.UtcOffset).ToUniversalTime();
        var entries = db.ServiceRecordEntries.AsNoTracking().Where(e => e.At >= from && e.At < to);
        if (district is not null)
            entries = entries.Where(e => db.Volunteers.Any(v => v.Id == e.VolunteerId && v.DistrictCode == district));
        var minutes = await entries.GroupBy(e => e.IsFinal).Select(g => new { Final = g.Key, Minutes = g.Sum(e => e.Minutes) })
            .ToListAsync(cancellationToken);

        return new YearStats(year, district, groups.Sum(g => g.Count), byStatus, byDistrict, byCategory, byMonth, fulfilled,
            programme.YearlyTarget, Ratio(fulfilled, programme.YearlyTarget), fulfilledCost, programme.YearlyBudget,
            Ratio(fulfilledCost, programme.YearlyBudget), activeVolunteers, Hours(minutes.Sum(m => m.Minutes)),
            Hours(minutes.Where(m => m.Final).Sum(m => m.Minutes)));
    }

    private static decimal Ratio(decimal part, decimal whole) => whole == 0 ? 0 : decimal.Round(part / whole, 4);

    private static decimal Hours(int minutes) => decimal.Round(minutes / 60m, 2);
}
