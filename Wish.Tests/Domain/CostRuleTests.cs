using WeChatWish.Domain;

namespace WeChatWish.Tests.Domain;

public class CostRuleTests
{
    [TestCase("0")]
    [TestCase("100")]
    [TestCase("200")]
    public void CostUpToTheSoftLimitIsNotFlagged(string cost) =>
        Assert.That(WishRules.Default.AssessCost(decimal.Parse(cost)), Is.EqualTo(WishFlags.None));

    [TestCase("200.01")]
    [TestCase("500")]
    public void CostAboveTheSoftLimitUpToTheHardLimitIsFlagged(string cost) =>
        Assert.That(WishRules.Default.AssessCost(decimal.Parse(cost)), Is.EqualTo(WishFlags.OverSoftCostLimit));

    [Test]
    public void CostAboveTheHardLimitIsRefused()
    {
        var error = Assert.Throws<RuleViolationException>(() => WishRules.Default.AssessCost(500.01m));
        Assert.That(error!.Code, Is.EqualTo(DomainErrorCodes.CostOverHardLimit));
        Assert.That(error.Kind, Is.EqualTo(DomainErrorKind.Rule));
    }

    [TestCase("-0.01")]
    [TestCase("10.001")]
    public void NegativeCostOrFractionsOfAFenAreInvalid(string cost)
    {
        var error = Assert.Throws<DomainValidationException>(() => WishRules.Default.AssessCost(decimal.Parse(cost)));
        Assert.That(error!.Code, Is.EqualTo(DomainErrorCodes.CostInvalid));
    }

    [Test]
    public void ConfiguredLimitsReplaceTheDefaults()
    {
        var rules = WishRules.Default with { SoftCostLimit = 50m, HardCostLimit = 80m };
        Assert.That(rules.AssessCost(50.01m), Is.EqualTo(WishFlags.OverSoftCostLimit));
        Assert.Throws<RuleViolationException>(() => rules.AssessCost(80.01m));
    }

    [Test]
    public void SubmittingOverTheHardLimitCreatesNoWish() =>
        Assert.Throws<RuleViolationException>(() => Given.SubmittedWish(cost: 600m));

    [Test]
    public void SubmittedWishOverTheSoftLimitCarriesTheFlag() =>
        Assert.That(Given.SubmittedWish(cost: 250m).Flags, Is.EqualTo(WishFlags.OverSoftCostLimit));
}
