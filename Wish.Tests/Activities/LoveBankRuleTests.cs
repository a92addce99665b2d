using WeChatWish.Domain;

namespace WeChatWish.Tests.Activities;

/// <summary>Ledger rows and reward rules in the domain (DESIGN.md §9).</summary>
public class LoveBankRuleTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.FromHours(8));
    private static readonly Actor Staff = Actor.Staff(Guid.NewGuid());

    [Test]
    public void AReversalCancelsARowWithoutTouchingIt()
    {
        var earned = LedgerEntry.Earned(Guid.NewGuid(), 12, "社区义诊 120分钟", Guid.NewGuid(), Staff, Now);

        var reversal = LedgerEntry.Reversal(earned, "考勤更正", Staff, Now);

        Assert.That((earned.Points, reversal.Points, reversal.Kind, reversal.ReversesId), Is.EqualTo((12, -12, LedgerKind.Reversed, (Guid?)earned.Id)));
        Assert.That(() => LedgerEntry.Reversal(reversal, "再更正", Staff, Now), Throws.InvalidOperationException);
    }

    [Test]
    public void RedeemedRowsAreNegativeAndTheirRefundGivesTheSameBack()
    {
        var redeemed = LedgerEntry.Redeemed(Guid.NewGuid(), 30, "兑换：电影票", Guid.NewGuid(), Actor.Volunteer(Guid.NewGuid()), Now);
        var refund = LedgerEntry.Refunded(redeemed, "兑换取消", Staff, Now);
        Assert.That((redeemed.Points, refund.Points, refund.SourceId), Is.EqualTo((-30, 30, redeemed.SourceId)));
        Assert.That(Assert.Throws<DomainValidationException>(() => LedgerEntry.Adjusted(Guid.NewGuid(), 0, "无", Staff, Now))!.Field, Is.EqualTo("points"));
        Assert.That(Assert.Throws<DomainValidationException>(() => LedgerEntry.Adjusted(Guid.NewGuid(), 5, " ", Staff, Now))!.Field, Is.EqualTo("reason"));
    }

    [Test]
    public void ARewardChecksItsWindowStarsAndLimit()
    {
        var reward = Reward.Create(new NewReward("图书馆免费借阅卡", "市图书馆", 50, 10, 1, Now, Now.AddDays(30), 1), Staff, Now);

        Assert.That(() => reward.EnsureRedeemable(1, 0, Now.AddDays(1)), Throws.Nothing);
        Assert.That(Assert.Throws<RuleViolationException>(() => reward.EnsureRedeemable(1, 0, Now.AddDays(31)))!.Code, Is.EqualTo(DomainErrorCodes.RewardNotOnOffer));
        Assert.That(Assert.Throws<RuleViolationException>(() => reward.EnsureRedeemable(0, 0, Now))!.Code, Is.EqualTo(DomainErrorCodes.RewardStarLevelRequired));
        Assert.That(Assert.Throws<RuleViolationException>(() => reward.EnsureRedeemable(1, 1, Now))!.Code, Is.EqualTo(DomainErrorCodes.RewardLimitReached));
    }

    [Test]
    public void AReservationEndsOnceAndNeverAfterItsExpiryIsCollected()
    {
        var reward = Reward.Create(new NewReward("爱心超市购物券", "慈善超市", 20, null, null, null, Now.AddDays(3), null), Staff, Now);
        var redemption = Redemption.Reserve(reward, Guid.NewGuid(), TimeSpan.FromDays(7), Now);

        Assert.That(redemption.ExpiresAt, Is.EqualTo(Now.AddDays(3)), "held no longer than the reward is valid");
        Assert.That(redemption.Code, Has.Length.EqualTo(Redemption.CodeLength).And.Match("^[2-9A-HJKMNP-Z]+$"));
        Assert.That(Assert.Throws<RuleViolationException>(() => redemption.Collect(Staff, Now.AddDays(3)))!.Code, Is.EqualTo(DomainErrorCodes.RedemptionExpired));
        redemption.Cancel(Staff, Now);
        Assert.That(Assert.Throws<IllegalTransitionException>(() => redemption.Cancel(Staff, Now))!.Code, Is.EqualTo(DomainErrorCodes.RedemptionIllegalTransition));
    }
}

/// <summary>Training certificates and commendations in the domain.</summary>
public class TrainingRuleTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 9, 0, 0, TimeSpan.FromHours(8));

    [Test]
    public void ACertificateLastsItsMonthsFromTheSessionOrForGood()
    {
        var session = TrainingSession.Create(new NewTrainingSession("应急救护", "红十字初级救护", Now, "市红十字会", "gulou", 24), Actor.System("t"), Now);
        var forGood = TrainingSession.Create(new NewTrainingSession("志愿精神", null, Now, "市志愿者中心", "gulou", null), Actor.System("t"), Now);

        var certificate = session.Certify(Guid.NewGuid(), Now.AddHours(2));

        Assert.That(certificate.IsValidAt(Now.AddMonths(24).AddSeconds(-1)), Is.True);
        Assert.That(certificate.IsValidAt(Now.AddMonths(24)), Is.False);
        Assert.That(forGood.Certify(Guid.NewGuid(), Now).IsValidAt(Now.AddYears(30)), Is.True);
        Assert.That(Assert.Throws<RuleViolationException>(() => session.Certify(Guid.NewGuid(), Now.AddMinutes(-1)))!.Code,
            Is.EqualTo(DomainErrorCodes.TrainingNotStarted));
    }

    [Test]
    public void ACommendationAwardsItsPointsAsAnAwardedRow()
    {
        var commendation = Commendation.Award(Guid.NewGuid(), "优秀志愿者", 2026, "全年服务120小时", 50, Actor.System("t"), Now);
        var row = commendation.LedgerEntry()!;

        Assert.That((row.Kind, row.Points, row.SourceId, row.Reason), Is.EqualTo((LedgerKind.Awarded, 50, (Guid?)commendation.Id, "2026年度优秀志愿者")));
        Assert.That(Commendation.Award(Guid.NewGuid(), "优秀志愿者", 2026, "事迹", 0, Actor.System("t"), Now).LedgerEntry(), Is.Null);
    }
}
