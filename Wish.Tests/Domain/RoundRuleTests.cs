using WeChatWish.Domain;

namespace WeChatWish.Tests.Domain;

public class RoundRuleTests
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    [Test]
    public void WishOnTheTenthInChinaTimeJoinsThisMonthsRound() =>
        Assert.That(WishRules.Default.RoundFor(new DateTimeOffset(2026, 12, 10, 23, 59, 59, China)), Is.EqualTo(new Round(2026, 12)));

    [Test]
    public void WishOnTheEleventhInChinaTimeJoinsNextMonthsRound() =>
        Assert.That(WishRules.Default.RoundFor(new DateTimeOffset(2026, 12, 11, 0, 0, 0, China)), Is.EqualTo(new Round(2027, 1)));

    [Test]
    public void LateEveningOfTheTenthInUtcIsAlreadyTheEleventhInChina()
    {
        var utc = new DateTimeOffset(2026, 12, 10, 16, 0, 0, TimeSpan.Zero);
        Assert.That(WishRules.Default.RoundFor(utc), Is.EqualTo(new Round(2027, 1)));
        Assert.That(WishRules.Default.RoundFor(utc.AddTicks(-1)), Is.EqualTo(new Round(2026, 12)));
    }

    [Test]
    public void FirstOfTheMonthInChinaIsStillTheLastDayOfThePreviousMonthInUtc() =>
        Assert.That(WishRules.Default.RoundFor(new DateTimeOffset(2026, 11, 30, 17, 0, 0, TimeSpan.Zero)), Is.EqualTo(new Round(2026, 12)));

    [Test]
    public void LateDecemberWishRollsIntoJanuaryOfTheNextYear() =>
        Assert.That(WishRules.Default.RoundFor(new DateTimeOffset(2026, 12, 25, 12, 0, 0, China)), Is.EqualTo(new Round(2027, 1)));

    [Test]
    public void ConfiguredCollectionDayMovesTheBoundary()
    {
        var rules = WishRules.Default with { CollectUntilDay = 5, PublishUntilDay = 15 };
        Assert.That(rules.RoundFor(new DateTimeOffset(2026, 6, 5, 12, 0, 0, China)), Is.EqualTo(new Round(2026, 6)));
        Assert.That(rules.RoundFor(new DateTimeOffset(2026, 6, 6, 12, 0, 0, China)), Is.EqualTo(new Round(2026, 7)));
    }

    [Test]
    public void ScheduleWindowsAreChinaMidnightsInUtc()
    {
        var schedule = WishRules.Default.Schedule(new Round(2027, 1));

        Assert.Multiple(() =>
        {
            Assert.That(schedule.CollectionOpensAt, Is.EqualTo(new DateTimeOffset(2026, 12, 10, 16, 0, 0, TimeSpan.Zero)));
            Assert.That(schedule.CollectionEndsAt, Is.EqualTo(new DateTimeOffset(2027, 1, 10, 16, 0, 0, TimeSpan.Zero)));
            Assert.That(schedule.PublicationEndsAt, Is.EqualTo(new DateTimeOffset(2027, 1, 20, 16, 0, 0, TimeSpan.Zero)));
            Assert.That(schedule.FulfilmentEndsAt, Is.EqualTo(new DateTimeOffset(2027, 1, 31, 16, 0, 0, TimeSpan.Zero)));
            Assert.That(schedule.FulfilmentEndsAt.Offset, Is.EqualTo(TimeSpan.Zero));
        });
    }

    [Test]
    public void ClaimDueDateIsTheEndOfTheRoundsMonthInChinaTime()
    {
        var claimedOn21st = new DateTimeOffset(2026, 12, 21, 10, 0, 0, China);
        Assert.That(WishRules.Default.ClaimDueAt(new Round(2026, 12), claimedOn21st),
            Is.EqualTo(new DateTimeOffset(2027, 1, 1, 0, 0, 0, China)));
    }

    [Test]
    public void ClaimDueDateIsAtLeastSevenDaysWhenClaimedOnThe28th()
    {
        var claimedOn28th = new DateTimeOffset(2026, 12, 28, 10, 0, 0, China);
        Assert.That(WishRules.Default.ClaimDueAt(new Round(2026, 12), claimedOn28th), Is.EqualTo(claimedOn28th.AddDays(7)));
    }

    [Test]
    public void ClaimDueDateForAnOlderRoundIsSevenDaysFromClaiming()
    {
        var claimed = new DateTimeOffset(2027, 2, 3, 10, 0, 0, China);
        Assert.That(WishRules.Default.ClaimDueAt(new Round(2026, 12), claimed), Is.EqualTo(claimed.AddDays(7)));
    }

    [Test]
    public void DefaultRulesAreValidAndInconsistentOnesAreReported()
    {
        Assert.That(WishRules.Default.Validate(), Is.Empty);
        var bad = WishRules.Default with { CollectUntilDay = 20, PublishUntilDay = 15, HardCostLimit = 100m };
        Assert.That(bad.Validate(), Has.Count.EqualTo(2));
    }
}
