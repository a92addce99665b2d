using WeChatWish.Domain;

namespace WeChatWish.Tests.Domain;

public class ServiceLevelTests
{
    [TestCase(0, 0)]
    [TestCase(99.9, 0)]
    [TestCase(100, 1)]
    [TestCase(299.9, 1)]
    [TestCase(300, 2)]
    [TestCase(600, 3)]
    [TestCase(1000, 4)]
    [TestCase(1499.9, 4)]
    [TestCase(1500, 5)]
    [TestCase(9000, 5)]
    public void StarLevelFollowsTheNationalThresholds(double hours, int stars) =>
        Assert.That(WishRules.StarLevel((int)Math.Round(hours * 60)), Is.EqualTo(stars));

    [TestCase(0, 0)]
    [TestCase(9, 0)]
    [TestCase(10, 1)]
    [TestCase(60, 6)]
    [TestCase(-30, 0)]
    public void PointsAreOnePerTenMinutesRoundedDown(int minutes, int points) =>
        Assert.That(WishRules.Default.Points(minutes), Is.EqualTo(points));

    [Test]
    public void VolunteerBelowTheClaimLimitMayClaimAnother() =>
        Assert.DoesNotThrow(() => WishRules.Default.EnsureCanTakeAnotherClaim(2));

    [Test]
    public void VolunteerAtTheClaimLimitMayNot()
    {
        var error = Assert.Throws<RuleViolationException>(() => WishRules.Default.EnsureCanTakeAnotherClaim(3));
        Assert.That(error!.Code, Is.EqualTo(DomainErrorCodes.ClaimLimitReached));
    }
}
