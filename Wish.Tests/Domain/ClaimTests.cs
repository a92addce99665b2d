using WeChatWish.Domain;

namespace WeChatWish.Tests.Domain;

public class ClaimTests
{
    [Test]
    public void ReleaseEndsTheClaimWithTheVolunteerAsWho()
    {
        var (_, claim) = Given.ClaimedWish();
        claim.Release(null, Given.Now.AddDays(11));

        Assert.Multiple(() =>
        {
            Assert.That(claim.Status, Is.EqualTo(ClaimStatus.Released));
            Assert.That(claim.EndedAt, Is.EqualTo(Given.Now.AddDays(11)));
            Assert.That(claim.EndedBy, Is.EqualTo(Actor.Volunteer(claim.VolunteerId)));
            Assert.That(claim.EndReason, Is.Not.Empty);
        });
    }

    [Test]
    public void RevokeNeedsAReasonAndRecordsTheStaffMember()
    {
        var (_, claim) = Given.ClaimedWish();
        Assert.Throws<DomainValidationException>(() => claim.Revoke("", Given.Reviewer, Given.Now));

        claim.Revoke("志愿者失联", Given.Reviewer, Given.Now.AddDays(11));

        Assert.That(claim.Status, Is.EqualTo(ClaimStatus.Revoked));
        Assert.That(claim.EndedBy, Is.EqualTo(Given.Reviewer));
        Assert.That(claim.EndReason, Is.EqualTo("志愿者失联"));
    }

    [Test]
    public void ExpireIsRefusedBeforeTheDueDateAndAllowedFromIt()
    {
        var (_, claim) = Given.ClaimedWish();

        var early = Assert.Throws<ConflictException>(() => claim.Expire(claim.DueAt.AddSeconds(-1)));
        Assert.That(early!.Code, Is.EqualTo(DomainErrorCodes.ClaimNotDue));

        claim.Expire(claim.DueAt);
        Assert.That(claim.Status, Is.EqualTo(ClaimStatus.Expired));
        Assert.That(claim.EndedBy!.Value.Kind, Is.EqualTo(ActorKind.System));
    }

    [Test]
    public void FulfilRecordsMinutesWithinBounds()
    {
        var (_, claim) = Given.ClaimedWish();
        Assert.Throws<DomainValidationException>(() => claim.Fulfil("完成", [], 0, Given.Now));
        Assert.Throws<DomainValidationException>(() => claim.Fulfil("完成", [], Fulfilment.MaxMinutes + 1, Given.Now));
        Assert.That(claim.IsActive, Is.True);

        var fulfilment = claim.Fulfil("完成", [], Fulfilment.MaxMinutes, Given.Now);

        Assert.That(fulfilment.Minutes, Is.EqualTo(Fulfilment.MaxMinutes));
        Assert.That(claim.Status, Is.EqualTo(ClaimStatus.Fulfilled));
    }

    public static IEnumerable<TestCaseData> EndedClaims()
    {
        yield return new TestCaseData((Action<Claim>)(c => c.Release(null, Given.Now))).SetArgDisplayNames("released");
        yield return new TestCaseData((Action<Claim>)(c => c.Revoke("原因", Given.Reviewer, Given.Now))).SetArgDisplayNames("revoked");
        yield return new TestCaseData((Action<Claim>)(c => c.Expire(c.DueAt))).SetArgDisplayNames("expired");
        yield return new TestCaseData((Action<Claim>)(c => c.Fulfil("完成", [], 60, Given.Now))).SetArgDisplayNames("fulfilled");
    }

    [TestCaseSource(nameof(EndedClaims))]
    public void AnEndedClaimRefusesEveryFurtherMove(Action<Claim> end)
    {
        var (_, claim) = Given.ClaimedWish();
        end(claim);
        var status = claim.Status;

        Assert.Multiple(() =>
        {
            Assert.Throws<IllegalTransitionException>(() => claim.Release(null, Given.Now));
            Assert.Throws<IllegalTransitionException>(() => claim.Revoke("原因", Given.Reviewer, Given.Now));
            Assert.Throws<IllegalTransitionException>(() => claim.Expire(claim.DueAt.AddDays(1)));
            Assert.Throws<IllegalTransitionException>(() => claim.Fulfil("完成", [], 60, Given.Now));
        });
        Assert.That(claim.Status, Is.EqualTo(status));
    }

    [Test]
    public void RemindersComeThreeDaysThenOneDayBeforeTheDueDateEachOnce()
    {
        var (_, claim) = Given.ClaimedWish();
        var due = claim.DueAt;

        Assert.That(claim.DueReminder(due.AddDays(-3).AddSeconds(-1)), Is.Null);
        Assert.That(claim.DueReminder(due.AddDays(-3)), Is.EqualTo(ClaimReminder.ThreeDays));
        claim.MarkReminderSent(ClaimReminder.ThreeDays, due.AddDays(-3));
        Assert.That(claim.DueReminder(due.AddDays(-2)), Is.Null);
        Assert.That(claim.DueReminder(due.AddDays(-1)), Is.EqualTo(ClaimReminder.OneDay));
        claim.MarkReminderSent(ClaimReminder.OneDay, due.AddDays(-1));
        Assert.That(claim.DueReminder(due.AddHours(-1)), Is.Null);
        Assert.That(claim.DueReminder(due), Is.Null);
    }

    [Test]
    public void ALateFirstReminderIsTheOneDayReminderOnly()
    {
        var (_, claim) = Given.ClaimedWish();
        Assert.That(claim.DueReminder(claim.DueAt.AddHours(-12)), Is.EqualTo(ClaimReminder.OneDay));
        claim.MarkReminderSent(ClaimReminder.OneDay, claim.DueAt.AddHours(-12));
        Assert.That(claim.DueReminder(claim.DueAt.AddHours(-11)), Is.Null);
    }
}
