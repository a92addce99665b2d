using WeChatWish.Domain;

namespace WeChatWish.Tests.Domain;

public class WishClaimLifecycleTests
{
    [Test]
    public void ClaimingAPublishedWishOpensAnActiveClaimDueAtTheEndOfTheRound()
    {
        var wish = Given.PublishedWish();
        var volunteer = Given.CompleteVolunteer();
        var at = new DateTimeOffset(2026, 12, 21, 1, 0, 0, TimeSpan.Zero);

        var claim = wish.Claim(volunteer, 2, Given.Rules, at);

        Assert.Multiple(() =>
        {
            Assert.That(wish.Status, Is.EqualTo(WishStatus.Claimed));
            Assert.That(wish.ClaimedAt, Is.EqualTo(at));
            Assert.That(wish.History[^1].By, Is.EqualTo(Actor.Volunteer(volunteer.Id)));
            Assert.That(claim.Status, Is.EqualTo(ClaimStatus.Active));
            Assert.That(claim.WishId, Is.EqualTo(wish.Id));
            Assert.That(claim.VolunteerId, Is.EqualTo(volunteer.Id));
            Assert.That(claim.DueAt, Is.EqualTo(new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.FromHours(8))));
        });
    }

    [Test]
    public void ClaimingAClaimedWishSaysItWasJustClaimed()
    {
        var (wish, _) = Given.ClaimedWish();

        var error = Assert.Throws<IllegalTransitionException>(() => wish.Claim(Given.CompleteVolunteer("韩梅梅"), 0, Given.Rules, Given.Now));

        Assert.That(error!.Code, Is.EqualTo(DomainErrorCodes.WishAlreadyClaimed));
        Assert.That(error.Kind, Is.EqualTo(DomainErrorKind.Conflict));
        Assert.That(error.Message, Does.Contain("刚刚被其他志愿者认领"));
    }

    [Test]
    public void VolunteerWithIncompleteProfileCannotClaim()
    {
        var wish = Given.PublishedWish();
        var newcomer = Volunteer.Register("o-newcomer", Given.Now);

        var error = Assert.Throws<RuleViolationException>(() => wish.Claim(newcomer, 0, Given.Rules, Given.Now));

        Assert.That(error!.Code, Is.EqualTo(DomainErrorCodes.VolunteerProfileIncomplete));
        Assert.That(wish.Status, Is.EqualTo(WishStatus.Published));
    }

    [Test]
    public void VolunteerAtTheActiveClaimLimitCannotClaimAnother()
    {
        var wish = Given.PublishedWish();

        var error = Assert.Throws<RuleViolationException>(() => wish.Claim(Given.CompleteVolunteer(), 3, Given.Rules, Given.Now));

        Assert.That(error!.Code, Is.EqualTo(DomainErrorCodes.ClaimLimitReached));
        Assert.That(wish.Status, Is.EqualTo(WishStatus.Published));
    }

    [Test]
    public void ReleasedClaimReturnsTheWishToPublishedAndRecordsTheVolunteer()
    {
        var (wish, claim) = Given.ClaimedWish();
        claim.Release("临时出差", Given.Now.AddDays(11));

        wish.ReturnToPublished(claim, Given.Now.AddDays(11));

        Assert.Multiple(() =>
        {
            Assert.That(wish.Status, Is.EqualTo(WishStatus.Published));
            Assert.That(wish.ClaimedAt, Is.Null);
            Assert.That(wish.History[^1].Action, Is.EqualTo(WishAction.ReturnedToPublished));
            Assert.That(wish.History[^1].By, Is.EqualTo(Actor.Volunteer(claim.VolunteerId)));
            Assert.That(wish.History[^1].Note, Is.EqualTo("临时出差"));
        });
    }

    [Test]
    public void RevokedAndExpiredClaimsReturnTheWishToPublished()
    {
        var (revokedWish, revoked) = Given.ClaimedWish();
        revoked.Revoke("联系不上志愿者", Given.Reviewer, Given.Now.AddDays(11));
        revokedWish.ReturnToPublished(revoked, Given.Now.AddDays(11));

        var (expiredWish, expired) = Given.ClaimedWish();
        expired.Expire(expired.DueAt);
        expiredWish.ReturnToPublished(expired, expired.DueAt);

        Assert.That(revokedWish.Status, Is.EqualTo(WishStatus.Published));
        Assert.That(revokedWish.History[^1].By, Is.EqualTo(Given.Reviewer));
        Assert.That(expiredWish.Status, Is.EqualTo(WishStatus.Published));
        Assert.That(expiredWish.History[^1].By.Kind, Is.EqualTo(ActorKind.System));
    }

    [Test]
    public void WishCannotReturnToPublishedWhileItsClaimIsStillActive()
    {
        var (wish, claim) = Given.ClaimedWish();
        var error = Assert.Throws<ConflictException>(() => wish.ReturnToPublished(claim, Given.Now));
        Assert.That(error!.Code, Is.EqualTo(DomainErrorCodes.WishClaimMismatch));
        Assert.That(wish.Status, Is.EqualTo(WishStatus.Claimed));
    }

    [Test]
    public void WishCannotBeFulfilledWithAnotherWishsClaim()
    {
        var (wish, _) = Given.ClaimedWish();
        var (_, otherClaim) = Given.ClaimedWish();
        otherClaim.Fulfil("完成", [], 30, Given.Now);

        Assert.Throws<ConflictException>(() => wish.Fulfil(otherClaim, Given.Now));
    }

    [Test]
    public void FulfilledClaimFulfilsTheWish()
    {
        var (wish, claim) = Given.ClaimedWish();
        var fulfilment = claim.Fulfil("已送达", ["https://img.example/done.jpg"], 90, Given.Now.AddDays(12));

        wish.Fulfil(claim, Given.Now.AddDays(12));

        Assert.Multiple(() =>
        {
            Assert.That(wish.Status, Is.EqualTo(WishStatus.Fulfilled));
            Assert.That(wish.FulfilledAt, Is.EqualTo(Given.Now.AddDays(12)));
            Assert.That(fulfilment.WishId, Is.EqualTo(wish.Id));
            Assert.That(fulfilment.VolunteerId, Is.EqualTo(claim.VolunteerId));
            Assert.That(fulfilment.PhotoUrls, Is.EqualTo(new[] { "https://img.example/done.jpg" }));
        });
    }

    [Test]
    public void SatisfactoryFollowUpConfirmsAFulfilledWish()
    {
        var (wish, _) = Given.FulfilledWish();
        var followUp = FollowUp.Record(wish, FollowUpMethod.Visit, 3, "老人很满意", Given.Reviewer, Given.Now.AddDays(14));

        wish.Confirm(followUp, Given.Reviewer, Given.Now.AddDays(14));

        Assert.That(wish.Status, Is.EqualTo(WishStatus.Confirmed));
        Assert.That(wish.ConfirmedAt, Is.EqualTo(Given.Now.AddDays(14)));
    }

    [Test]
    public void UnsatisfactoryFollowUpDoesNotConfirm()
    {
        var (wish, _) = Given.FulfilledWish();
        var followUp = FollowUp.Record(wish, FollowUpMethod.Phone, 2, "东西有损坏", Given.Reviewer, Given.Now.AddDays(14));

        var error = Assert.Throws<RuleViolationException>(() => wish.Confirm(followUp, Given.Reviewer, Given.Now.AddDays(14)));

        Assert.That(error!.Code, Is.EqualTo(DomainErrorCodes.WishFollowUpUnsatisfactory));
        Assert.That(wish.Status, Is.EqualTo(WishStatus.Fulfilled));
    }

    [Test]
    public void FollowUpOfAnotherWishCannotConfirm()
    {
        var (wish, _) = Given.FulfilledWish();
        var (other, _) = Given.FulfilledWish();
        var followUp = FollowUp.Record(other, FollowUpMethod.Phone, 5, null, Given.Reviewer, Given.Now);

        Assert.Throws<ConflictException>(() => wish.Confirm(followUp, Given.Reviewer, Given.Now));
    }

    [Test]
    public void FullLifecycleLeavesAHistoryEntryForEveryStep()
    {
        var wish = Given.WishIn(WishStatus.Confirmed);

        Assert.That(wish.History.Select(h => h.Action), Is.EqualTo(new[]
        {
            WishAction.Submitted, WishAction.Verified, WishAction.Published, WishAction.Claimed, WishAction.Fulfilled, WishAction.Confirmed,
        }));
        Assert.That(wish.History.Select(h => h.At), Is.Ordered);
    }
}
