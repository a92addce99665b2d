using WeChatWish.Domain;

namespace WeChatWish.Tests.Domain;

/// <summary>Every lifecycle method against every stored status: the ones DESIGN.md §3 does not allow must throw and change nothing.</summary>
public class WishIllegalTransitionTests
{
    private static readonly Dictionary<WishAction, WishStatus[]> Allowed = new()
    {
        [WishAction.Verified] = [WishStatus.Submitted],
        [WishAction.Rejected] = [WishStatus.Submitted, WishStatus.Verified],
        [WishAction.Published] = [WishStatus.Verified],
        [WishAction.Claimed] = [WishStatus.Published],
        [WishAction.ReturnedToPublished] = [WishStatus.Claimed],
        [WishAction.Fulfilled] = [WishStatus.Claimed],
        [WishAction.Confirmed] = [WishStatus.Fulfilled],
        [WishAction.Withdrawn] = [WishStatus.Submitted, WishStatus.Verified, WishStatus.Published],
        [WishAction.MovedToRound] = [WishStatus.Submitted, WishStatus.Verified, WishStatus.Published],
    };

    private static readonly WishStatus[] StoredStatuses = Enum.GetValues<WishStatus>().Where(s => s != WishStatus.Draft).ToArray();

    public static IEnumerable<TestCaseData> IllegalMoves() =>
        from action in Allowed.Keys
        from status in StoredStatuses
        where !Allowed[action].Contains(status)
        select new TestCaseData(status, action).SetName($"{action}IsRefusedWhen{status}");

    [TestCaseSource(nameof(IllegalMoves))]
    public void IllegalMoveThrowsAndLeavesTheWishAsItWas(WishStatus status, WishAction action)
    {
        var wish = Given.WishIn(status);
        var historyBefore = wish.History.Count;

        var error = Assert.Catch<ConflictException>(() => Attempt(wish, action));

        Assert.That(error, Is.InstanceOf<IllegalTransitionException>());
        Assert.That(error!.Code, Is.AnyOf(DomainErrorCodes.WishIllegalTransition, DomainErrorCodes.WishAlreadyClaimed));
        Assert.That(error.Kind, Is.EqualTo(DomainErrorKind.Conflict));
        Assert.That(wish.Status, Is.EqualTo(status));
        Assert.That(wish.History, Has.Count.EqualTo(historyBefore));
    }

    [Test]
    public void PublishingASubmittedWishIsRefusedWithAReadableMessage()
    {
        var wish = Given.SubmittedWish();
        var error = Assert.Throws<IllegalTransitionException>(() => wish.Publish(Given.Reviewer, Given.Now));
        Assert.That(error!.Message, Is.EqualTo("心愿当前状态为“待审核”，不能发布。"));
        Assert.That(error.From, Is.EqualTo(nameof(WishStatus.Submitted)));
    }

    [Test]
    public void ClaimingAWithdrawnWishIsRefused()
    {
        var wish = Given.WishIn(WishStatus.Withdrawn);
        var error = Assert.Throws<IllegalTransitionException>(() => wish.Claim(Given.CompleteVolunteer(), 0, Given.Rules, Given.Now));
        Assert.That(error!.Code, Is.EqualTo(DomainErrorCodes.WishIllegalTransition));
    }

    [Test]
    public void WithdrawingAClaimedWishIsRefused()
    {
        var (wish, _) = Given.ClaimedWish();
        var error = Assert.Throws<IllegalTransitionException>(() => wish.Withdraw("不要了", Given.Reviewer, Given.Now));
        Assert.That(error!.Message, Does.Contain("已认领"));
    }

    private static void Attempt(Wish wish, WishAction action)
    {
        switch (action)
        {
            case WishAction.Verified: wish.Verify(Urgency.Normal, null, null, "特批", Given.Reviewer, Given.Now); break;
            case WishAction.Rejected: wish.Reject("理由", Given.Reviewer, Given.Now); break;
            case WishAction.Published: wish.Publish(Given.Reviewer, Given.Now); break;
            case WishAction.Claimed: wish.Claim(Given.CompleteVolunteer(), 0, Given.Rules, Given.Now); break;
            case WishAction.ReturnedToPublished: wish.ReturnToPublished(ReleasedClaimOfAnotherWish(), Given.Now); break;
            case WishAction.Fulfilled: wish.Fulfil(FulfilledClaimOfAnotherWish(), Given.Now); break;
            case WishAction.Confirmed: wish.Confirm(FollowUpOfAnotherWish(), Given.Reviewer, Given.Now); break;
            case WishAction.Withdrawn: wish.Withdraw("理由", Given.Reviewer, Given.Now); break;
            case WishAction.MovedToRound: wish.MoveToRound(wish.Round.Next(), Given.Reviewer, Given.Now); break;
            default: throw new ArgumentOutOfRangeException(nameof(action));
        }
    }

    private static Claim ReleasedClaimOfAnotherWish()
    {
        var (_, claim) = Given.ClaimedWish();
        claim.Release(null, Given.Now);
        return claim;
    }

    private static Claim FulfilledClaimOfAnotherWish() => Given.FulfilledWish().Claim;

    private static FollowUp FollowUpOfAnotherWish() =>
        FollowUp.Record(Given.FulfilledWish().Wish, FollowUpMethod.Phone, 5, null, Given.Reviewer, Given.Now);
}
