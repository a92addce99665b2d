namespace WeChatWish.Domain;

/// <summary>
/// A recurring entitlement (DESIGN.md §11), such as Rizhao's free laundry: a provider gives the people on a roster so many
/// units a week and a month. Weeks run Monday to Sunday and months are calendar months, both in China time. The quota rule
/// lives here; the host's part is to hand it every live redemption of the person in <see cref="CountingWindow"/> while
/// holding a lock on the person's roster row, so that two counters cannot both see the last unit free.
/// </summary>
public sealed class EntitlementProgramme
{
    public const int NameMaxLength = 100;
    public const int ProviderMaxLength = 100;
    public const int UnitMaxLength = 20;
    public const int MaxPerMonth = 1000;

    private EntitlementProgramme()
    {
    }

    public Guid Id { get; private set; }

    public string Name { get; private set; } = "";

    public string Provider { get; private set; } = "";

    /// <summary>What one item is, as the counter says it: 件, 次, 份.</summary>
    public string Unit { get; private set; } = "";

    public int PerWeek { get; private set; }

    public int PerMonth { get; private set; }

    /// <summary>The first day (China time) redemptions are taken.</summary>
    public DateOnly ValidFrom { get; private set; }

    /// <summary>The last day (China time) redemptions are taken, or null for open-ended.</summary>
    public DateOnly? ValidTo { get; private set; }

    public Actor CreatedBy { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public static EntitlementProgramme Create(string? name, string? provider, string? unit, int perWeek, int perMonth, DateOnly validFrom,
        DateOnly? validTo, Actor by, DateTimeOffset at)
    {
        var month = Guard.Range(perMonth, "perMonth", "每月限额", 1, MaxPerMonth);
        var week = Guard.Range(perWeek, "perWeek", "每周限额", 1, month);
        if (validTo is { } to && to < validFrom)
            throw new DomainValidationException(DomainErrorCodes.OutOfRange, "validTo", "结束日期不能早于开始日期。");
        return new EntitlementProgramme
        {
            Id = Guid.CreateVersion7(),
            Name = Guard.Text(name, "name", "项目名称", NameMaxLength),
            Provider = Guard.Text(provider, "provider", "服务提供方", ProviderMaxLength),
            Unit = Guard.Text(unit, "unit", "单位", UnitMaxLength),
            PerWeek = week,
            PerMonth = month,
            ValidFrom = validFrom,
            ValidTo = validTo,
            CreatedBy = by,
            CreatedAt = Guard.Utc(at),
        };
    }

    /// <summary>Monday 00:00 to the next Monday 00:00 (China time) around <paramref name="at"/>, as UTC instants.</summary>
    public static (DateTimeOffset From, DateTimeOffset To) WeekOf(DateTimeOffset at, TimeSpan utcOffset)
    {
        var local = at.ToOffset(utcOffset);
        var daysSinceMonday = ((int)local.DayOfWeek + 6) % 7;
        var monday = new DateTimeOffset(local.Year, local.Month, local.Day, 0, 0, 0, utcOffset).AddDays(-daysSinceMonday);
        return (monday.ToUniversalTime(), monday.AddDays(7).ToUniversalTime());
    }

    /// <summary>The calendar month (China time) around <paramref name="at"/>, as UTC instants.</summary>
    public static (DateTimeOffset From, DateTimeOffset To) MonthOf(DateTimeOffset at, TimeSpan utcOffset)
    {
        var local = at.ToOffset(utcOffset);
        return MonthOf(local.Year, local.Month, utcOffset);
    }

    public static (DateTimeOffset From, DateTimeOffset To) MonthOf(int year, int month, TimeSpan utcOffset)
    {
        var first = new DateTimeOffset(year, month, 1, 0, 0, 0, utcOffset);
        return (first.ToUniversalTime(), first.AddMonths(1).ToUniversalTime());
    }

    /// <summary>The span whose redemptions <see cref="Remaining"/> needs: the week and the month together (a week may straddle two months).</summary>
    public static (DateTimeOffset From, DateTimeOffset To) CountingWindow(DateTimeOffset at, TimeSpan utcOffset)
    {
        var week = WeekOf(at, utcOffset);
        var month = MonthOf(at, utcOffset);
        return (week.From < month.From ? week.From : month.From, week.To > month.To ? week.To : month.To);
    }

    /// <summary>Whether the programme takes redemptions on <paramref name="at"/>'s China-time day.</summary>
    public bool IsInEffect(DateTimeOffset at, TimeSpan utcOffset)
    {
        var day = DateOnly.FromDateTime(at.ToOffset(utcOffset).DateTime);
        return day >= ValidFrom && (ValidTo is null || day <= ValidTo);
    }

    /// <summary>What is left this week and this month at <paramref name="at"/>, counting the person's live (not undone) redemptions.</summary>
    public EntitlementQuota Remaining(IEnumerable<EntitlementRedemption> personRedemptions, DateTimeOffset at, TimeSpan utcOffset)
    {
        var week = WeekOf(at, utcOffset);
        var month = MonthOf(at, utcOffset);
        var live = personRedemptions.Where(r => r.ProgrammeId == Id && r.UndoneAt is null).ToList();
        var usedWeek = live.Where(r => r.At >= week.From && r.At < week.To).Sum(r => r.Items);
        var usedMonth = live.Where(r => r.At >= month.From && r.At < month.To).Sum(r => r.Items);
        return new EntitlementQuota(Math.Max(0, PerWeek - usedWeek), Math.Max(0, PerMonth - usedMonth));
    }

    /// <summary>
    /// Records <paramref name="items"/> for <paramref name="person"/>, or refuses with the quota left when they would take the person past
    /// this week's or this month's allowance. <paramref name="personRedemptions"/> must hold every redemption of the person in
    /// <see cref="CountingWindow"/>.
    /// </summary>
    public EntitlementRedemption Redeem(EntitlementPerson person, int items, IEnumerable<EntitlementRedemption> personRedemptions, Actor by,
        DateTimeOffset at, TimeSpan utcOffset)
    {
        if (person.ProgrammeId != Id) throw new InvalidOperationException("The person is on another programme's roster.");
        Guard.Range(items, "items", "数量", 1, MaxPerMonth);
        if (!IsInEffect(at, utcOffset))
            throw new RuleViolationException(DomainErrorCodes.EntitlementNotInEffect,
                $"“{Name}”在{ValidFrom:yyyy-MM-dd}{(ValidTo is { } to ? $"至{to:yyyy-MM-dd}" : "起")}有效，今天不能登记。");
        var quota = Remaining(personRedemptions, at, utcOffset);
        if (items > quota.Week || items > quota.Month)
            throw new EntitlementQuotaExceededException(quota,
                $"超出限额：本周还可{quota.Week}{Unit}，本月还可{quota.Month}{Unit}，本次登记{items}{Unit}未受理。");
        return EntitlementRedemption.Create(this, person, items, by, at);
    }
}

/// <summary>Units left this week and this month.</summary>
public sealed record EntitlementQuota(int Week, int Month);

/// <summary>A redemption past the quota: a rule refusal (422) that says how much is left.</summary>
public sealed class EntitlementQuotaExceededException(EntitlementQuota remaining, string message)
    : DomainException(DomainErrorKind.Rule, DomainErrorCodes.EntitlementQuotaExceeded, message)
{
    public EntitlementQuota Remaining { get; } = remaining;
}
