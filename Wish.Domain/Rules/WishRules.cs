namespace WeChatWish.Domain;

/// <summary>
/// The programme's numbers (DESIGN.md §1), with the plan's values as defaults. Bind it from a configuration section
/// (e.g. <c>WishRules</c>) and check <see cref="Validate"/> at start-up. Every method is pure: times come in as arguments.
/// </summary>
public sealed record WishRules
{
    public static WishRules Default { get; } = new();

    /// <summary>Above this a wish is flagged <see cref="WishFlags.OverSoftCostLimit"/> and needs a reviewer's override.</summary>
    public decimal SoftCostLimit { get; init; } = 200m;

    /// <summary>Above this a wish is refused.</summary>
    public decimal HardCostLimit { get; init; } = 500m;

    /// <summary>A wish submitted up to the end of this day (China time) joins this month's round; later ones join next month's.</summary>
    public int CollectUntilDay { get; init; } = 10;

    /// <summary>Publication runs to the end of this day; fulfilment from the next day to the end of the month.</summary>
    public int PublishUntilDay { get; init; } = 20;

    /// <summary>A claim lasts to the end of the round's fulfilment window, but never less than this.</summary>
    public int MinClaimDays { get; init; } = 7;

    public int MaxActiveClaimsPerVolunteer { get; init; } = 3;

    /// <summary>A beneficiary's second wish within this many months is flagged <see cref="WishFlags.SecondIn12Months"/>.</summary>
    public int RepeatWindowMonths { get; init; } = 12;

    /// <summary>Service points: one point per this many recorded minutes, rounded down (10 → 6 points an hour).</summary>
    public int MinutesPerPoint { get; init; } = 10;

    /// <summary>China has kept UTC+8 without daylight saving since 1991, so a fixed offset is exact and needs no tz database.</summary>
    public TimeSpan UtcOffset { get; init; } = TimeSpan.FromHours(8);

    /// <summary>Star thresholds of the national volunteer scheme, in hours: index 0 is 1★.</summary>
    public static IReadOnlyList<int> StarLevelHours { get; } = [100, 300, 600, 1000, 1500];

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (SoftCostLimit < 0 || HardCostLimit < SoftCostLimit) problems.Add("SoftCostLimit must be ≥ 0 and ≤ HardCostLimit.");
        if (CollectUntilDay is < 1 or > 27) problems.Add("CollectUntilDay must be 1–27.");
        if (PublishUntilDay <= CollectUntilDay || PublishUntilDay > 28) problems.Add("PublishUntilDay must be after CollectUntilDay and ≤ 28.");
        if (MinClaimDays < 1) problems.Add("MinClaimDays must be ≥ 1.");
        if (MaxActiveClaimsPerVolunteer < 1) problems.Add("MaxActiveClaimsPerVolunteer must be ≥ 1.");
        if (RepeatWindowMonths < 1) problems.Add("RepeatWindowMonths must be ≥ 1.");
        if (MinutesPerPoint < 1) problems.Add("MinutesPerPoint must be ≥ 1.");
        if (UtcOffset < TimeSpan.FromHours(-14) || UtcOffset > TimeSpan.FromHours(14)) problems.Add("UtcOffset must be within ±14 h.");
        return problems;
    }

    /// <summary>Checks an estimated cost: refuses negatives, more than two decimals and anything over the hard limit; flags the soft limit.</summary>
    public WishFlags AssessCost(decimal cost)
    {
        if (cost < 0 || decimal.Round(cost, 2) != cost)
            throw new DomainValidationException(DomainErrorCodes.CostInvalid, "estimatedCost", "预估费用应为不小于0的金额，最多两位小数。");
        if (cost > HardCostLimit)
            throw new RuleViolationException(DomainErrorCodes.CostOverHardLimit, $"预估费用{cost}元超过了上限{HardCostLimit}元，无法受理。");
        return cost > SoftCostLimit ? WishFlags.OverSoftCostLimit : WishFlags.None;
    }

    /// <summary>
    /// True when another of the beneficiary's wishes was submitted within the window before <paramref name="submittedAt"/>
    /// (or after it). Rejected and withdrawn wishes were never granted, so they do not count; nor do drafts.
    /// </summary>
    public bool IsRepeatWithinWindow(DateTimeOffset submittedAt, IEnumerable<PriorWish> priorWishes)
    {
        var windowStart = ToChinaTime(submittedAt).AddMonths(-RepeatWindowMonths);
        return priorWishes.Any(p => CountsTowardsRepeatLimit(p.Status) && p.SubmittedAt > windowStart);
    }

    public static bool CountsTowardsRepeatLimit(WishStatus status) =>
        status is not (WishStatus.Draft or WishStatus.Rejected or WishStatus.Withdrawn);

    /// <summary>The round a wish submitted at <paramref name="at"/> belongs to, by the China-time calendar day.</summary>
    public Round RoundFor(DateTimeOffset at)
    {
        var local = ToChinaTime(at);
        var round = new Round(local.Year, local.Month);
        return local.Day <= CollectUntilDay ? round : round.Next();
    }

    public RoundSchedule Schedule(Round round) => new(
        round,
        CollectionOpensAt: ChinaMidnight(round.Previous(), CollectUntilDay + 1),
        CollectionEndsAt: ChinaMidnight(round, CollectUntilDay + 1),
        PublicationEndsAt: ChinaMidnight(round, PublishUntilDay + 1),
        FulfilmentEndsAt: ChinaMidnight(round.Next(), 1));

    /// <summary>The end of the round's fulfilment window, or <see cref="MinClaimDays"/> after claiming if that is later.</summary>
    public DateTimeOffset ClaimDueAt(Round round, DateTimeOffset claimedAt)
    {
        var windowEnd = Schedule(round).FulfilmentEndsAt;
        var minimum = Guard.Utc(claimedAt).AddDays(MinClaimDays);
        return windowEnd > minimum ? windowEnd : minimum;
    }

    /// <summary>Refuses a claim that would put the volunteer over <see cref="MaxActiveClaimsPerVolunteer"/>.</summary>
    public void EnsureCanTakeAnotherClaim(int activeClaims)
    {
        if (activeClaims >= MaxActiveClaimsPerVolunteer)
            throw new RuleViolationException(DomainErrorCodes.ClaimLimitReached,
                $"每位志愿者最多同时认领{MaxActiveClaimsPerVolunteer}个心愿，请先完成手上的心愿。");
    }

    public int Points(int totalMinutes) => Math.Max(0, totalMinutes) / MinutesPerPoint;

    /// <summary>0–5 stars from recorded service; a level is reached at exactly its threshold.</summary>
    public static int StarLevel(int totalMinutes) => StarLevelHours.Count(hours => totalMinutes >= hours * 60);

    public DateTimeOffset ToChinaTime(DateTimeOffset at) => at.ToOffset(UtcOffset);

    private DateTimeOffset ChinaMidnight(Round round, int day) =>
        new DateTimeOffset(round.Year, round.Month, day, 0, 0, 0, UtcOffset).ToUniversalTime();
}
