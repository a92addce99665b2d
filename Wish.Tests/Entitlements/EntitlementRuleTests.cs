using WeChatWish.Domain;

namespace WeChatWish.Tests.Entitlements;

/// <summary>The quota rule on its own: weeks Monday to Sunday and calendar months, both in China time; undo on the same China day.</summary>
public sealed class EntitlementRuleTests
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);
    private static readonly Actor Counter = Actor.Staff(Guid.Parse("00000000-0000-0000-0000-0000000000cc"));

    // Sunday 6 December 2026, 23:59 China time, and the Monday midnight a minute later.
    private static readonly DateTimeOffset SundayLate = new(2026, 12, 6, 23, 59, 0, China);
    private static readonly DateTimeOffset MondayMidnight = new(2026, 12, 7, 0, 0, 0, China);

    private static EntitlementProgramme Laundry(int perWeek = 1, int perMonth = 4) => EntitlementProgramme.Create("免费洗衣", "爱心超市", "件",
        perWeek, perMonth, new DateOnly(2026, 1, 1), null, Counter, SundayLate.AddDays(-30));

    private static EntitlementPerson Worker(EntitlementProgramme programme) =>
        EntitlementPerson.Create(programme, "张师傅", "hw 001", null, "一班", SundayLate.AddDays(-30));

    [Test]
    public void AWeekRunsFromMondayMidnightToTheNextMondayInChinaTime()
    {
        var (from, to) = EntitlementProgramme.WeekOf(SundayLate, China);
        Assert.Multiple(() =>
        {
            Assert.That(from, Is.EqualTo(new DateTimeOffset(2026, 11, 30, 0, 0, 0, China)));
            Assert.That(to, Is.EqualTo(MondayMidnight));
            Assert.That(EntitlementProgramme.WeekOf(MondayMidnight, China).From, Is.EqualTo(MondayMidnight));
            // 23:59 on Sunday in China is 15:59 on Sunday in UTC; 00:00 on Monday in China is still Sunday in UTC.
            Assert.That(EntitlementProgramme.WeekOf(MondayMidnight.ToUniversalTime(), China).From, Is.EqualTo(MondayMidnight));
        });
    }

    [Test]
    public void SundayAt2359IsStillLastWeeksQuotaAndMondayAtMidnightIsANewWeek()
    {
        var programme = Laundry();
        var person = Worker(programme);
        var sunday = programme.Redeem(person, 1, [], Counter, SundayLate, China);

        Assert.Multiple(() =>
        {
            Assert.That(programme.Remaining([sunday], SundayLate.AddSeconds(59), China), Is.EqualTo(new EntitlementQuota(0, 3)));
            Assert.Throws<EntitlementQuotaExceededException>(() => programme.Redeem(person, 1, [sunday], Counter, SundayLate.AddSeconds(59), China));
            Assert.That(programme.Remaining([sunday], MondayMidnight, China), Is.EqualTo(new EntitlementQuota(1, 3)));
            Assert.That(programme.Redeem(person, 1, [sunday], Counter, MondayMidnight, China).Items, Is.EqualTo(1));
        });
    }

    [Test]
    public void TheFifthItemInAMonthIsRefusedEvenInAFreshWeek()
    {
        var programme = Laundry();
        var person = Worker(programme);
        var taken = new List<EntitlementRedemption>();
        foreach (var day in new[] { 1, 8, 15, 22 })
            taken.Add(programme.Redeem(person, 1, taken, Counter, new DateTimeOffset(2026, 12, day, 10, 0, 0, China), China));

        var refusal = Assert.Throws<EntitlementQuotaExceededException>(() =>
            programme.Redeem(person, 1, taken, Counter, new DateTimeOffset(2026, 12, 29, 10, 0, 0, China), China));
        Assert.Multiple(() =>
        {
            Assert.That(refusal!.Remaining, Is.EqualTo(new EntitlementQuota(1, 0)));
            Assert.That(refusal.Code, Is.EqualTo(DomainErrorCodes.EntitlementQuotaExceeded));
            // The same week, once it reaches January, has January's allowance.
            Assert.That(programme.Remaining(taken, new DateTimeOffset(2027, 1, 1, 0, 0, 0, China), China), Is.EqualTo(new EntitlementQuota(1, 4)));
        });
    }

    [Test]
    public void AWeekStraddlingTwoMonthsCountsItsItemsOnceForTheWeek()
    {
        var programme = Laundry(perWeek: 2, perMonth: 4);
        var person = Worker(programme);
        var december = programme.Redeem(person, 1, [], Counter, new DateTimeOffset(2026, 12, 31, 20, 0, 0, China), China);

        Assert.That(programme.Remaining([december], new DateTimeOffset(2027, 1, 1, 9, 0, 0, China), China), Is.EqualTo(new EntitlementQuota(1, 4)));
        var window = EntitlementProgramme.CountingWindow(new DateTimeOffset(2027, 1, 1, 9, 0, 0, China), China);
        Assert.That(window.From, Is.EqualTo(new DateTimeOffset(2026, 12, 28, 0, 0, 0, China)));
    }

    [Test]
    public void UndoIsAllowedOnlyTheSameChinaDayWithAReasonAndOnlyOnce()
    {
        var programme = Laundry();
        var person = Worker(programme);
        var late = programme.Redeem(person, 1, [], Counter, SundayLate, China);
        var early = programme.Redeem(person, 1, [], Counter, MondayMidnight, China);

        Assert.Multiple(() =>
        {
            Assert.Throws<DomainValidationException>(() => early.Undo(" ", Counter, MondayMidnight.AddHours(1), China));
            Assert.That(Assert.Throws<RuleViolationException>(() => late.Undo("录错了", Counter, MondayMidnight, China))!.Code,
                Is.EqualTo(DomainErrorCodes.EntitlementUndoTooLate));
        });
        early.Undo("录错了工号", Counter, MondayMidnight.AddHours(23).AddMinutes(59), China);
        Assert.Multiple(() =>
        {
            Assert.That(early.UndoneAt, Is.Not.Null);
            Assert.That(programme.Remaining([early], MondayMidnight.AddHours(23), China), Is.EqualTo(new EntitlementQuota(1, 4)));
            Assert.Throws<ConflictException>(() => early.Undo("再撤一次", Counter, MondayMidnight.AddHours(23).AddMinutes(59), China));
        });
    }

    [Test]
    public void AProgrammeOutsideItsDatesTakesNoRedemptions()
    {
        var programme = EntitlementProgramme.Create("免费洗衣", "爱心超市", "件", 1, 4, new DateOnly(2026, 12, 7), new DateOnly(2026, 12, 31),
            Counter, SundayLate);
        var person = Worker(programme);
        Assert.Multiple(() =>
        {
            Assert.That(Assert.Throws<RuleViolationException>(() => programme.Redeem(person, 1, [], Counter, SundayLate, China))!.Code,
                Is.EqualTo(DomainErrorCodes.EntitlementNotInEffect));
            Assert.That(programme.Redeem(person, 1, [], Counter, MondayMidnight, China).Items, Is.EqualTo(1));
        });
    }

    [Test]
    public void QuotasAndWorkNumbersAreChecked()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Assert.Throws<DomainValidationException>(() => Laundry(perWeek: 5, perMonth: 4))!.Field, Is.EqualTo("perWeek"));
            Assert.That(Assert.Throws<DomainValidationException>(() => Laundry(perWeek: 0))!.Field, Is.EqualTo("perWeek"));
            Assert.That(Worker(Laundry()).WorkNumber, Is.EqualTo("HW001"));
            Assert.That(Worker(Laundry()).CardToken, Has.Length.EqualTo(EntitlementPerson.CardTokenLength));
        });
    }
}
