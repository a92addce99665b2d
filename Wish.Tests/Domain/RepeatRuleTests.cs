using WeChatWish.Domain;

namespace WeChatWish.Tests.Domain;

public class RepeatRuleTests
{
    private static readonly DateTimeOffset Now = Given.Now;

    [Test]
    public void NoEarlierWishIsNoRepeat() =>
        Assert.That(WishRules.Default.IsRepeatWithinWindow(Now, []), Is.False);

    [Test]
    public void EarlierWishJustInsideTwelveMonthsIsARepeat() =>
        Assert.That(WishRules.Default.IsRepeatWithinWindow(Now, [new(WishStatus.Confirmed, Now.AddMonths(-12).AddSeconds(1))]), Is.True);

    [Test]
    public void EarlierWishExactlyTwelveMonthsAgoIsNoLongerARepeat() =>
        Assert.That(WishRules.Default.IsRepeatWithinWindow(Now, [new(WishStatus.Confirmed, Now.AddMonths(-12))]), Is.False);

    [Test]
    public void EarlierWishOlderThanTwelveMonthsIsNoRepeat() =>
        Assert.That(WishRules.Default.IsRepeatWithinWindow(Now, [new(WishStatus.Fulfilled, Now.AddMonths(-13))]), Is.False);

    [TestCase(WishStatus.Rejected)]
    [TestCase(WishStatus.Withdrawn)]
    [TestCase(WishStatus.Draft)]
    public void WishesThatWereNeverGrantedDoNotCount(WishStatus status) =>
        Assert.That(WishRules.Default.IsRepeatWithinWindow(Now, [new(status, Now.AddDays(-10))]), Is.False);

    [TestCase(WishStatus.Submitted)]
    [TestCase(WishStatus.Verified)]
    [TestCase(WishStatus.Published)]
    [TestCase(WishStatus.Claimed)]
    [TestCase(WishStatus.Fulfilled)]
    [TestCase(WishStatus.Confirmed)]
    public void PendingAndGrantedWishesCount(WishStatus status) =>
        Assert.That(WishRules.Default.IsRepeatWithinWindow(Now, [new(status, Now.AddDays(-10))]), Is.True);

    [Test]
    public void WindowEdgeIsTheSameChinaClockTimeAYearBefore()
    {
        var submitted = new DateTimeOffset(2026, 3, 1, 0, 30, 0, TimeSpan.FromHours(8));
        var yearBefore = new DateTimeOffset(2025, 3, 1, 0, 30, 0, TimeSpan.FromHours(8));
        Assert.That(WishRules.Default.IsRepeatWithinWindow(submitted, [new(WishStatus.Confirmed, yearBefore)]), Is.False);
        Assert.That(WishRules.Default.IsRepeatWithinWindow(submitted, [new(WishStatus.Confirmed, yearBefore.AddMinutes(1))]), Is.True);
    }
}
