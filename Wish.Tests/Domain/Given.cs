using WeChatWish.Domain;

namespace WeChatWish.Tests.Domain;

/// <summary>Wishes, people and times in known states, built through the public lifecycle only.</summary>
internal static class Given
{
    /// <summary>10:00 on 5 December 2026, China time: inside the collection window of round 202612.</summary>
    public static readonly DateTimeOffset Now = new(2026, 12, 5, 2, 0, 0, TimeSpan.Zero);

    public static readonly WishRules Rules = WishRules.Default;

    public static readonly Actor Reviewer = Actor.Staff(Guid.Parse("00000000-0000-0000-0000-0000000000aa"));

    public static string Code(int sequence = 42) => WishCode.Format(Rules.RoundFor(Now), sequence);

    public static NewWish NewWish(decimal cost = 100m, string content = "想要一个取暖器过冬") =>
        new(Guid.NewGuid(), WishChannel.Wechat, WishCategory.ElderlyAlone, WishKind.Goods, "gulou", content, cost);

    public static Wish SubmittedWish(decimal cost = 100m, IEnumerable<PriorWish>? prior = null) =>
        Wish.Submit(NewWish(cost), Code(), Rules, prior ?? [], Actor.System("test"), Now);

    public static Volunteer CompleteVolunteer(string name = "李雷")
    {
        var volunteer = Volunteer.Register("o-" + Guid.NewGuid().ToString("N"), Now);
        volunteer.UpdateProfile(new VolunteerProfile(name, Gender.Male, 1990, PoliticalStatus.Masses, "13800000000", ["维修"], null, "gulou", null), Now);
        return volunteer;
    }

    public static Wish PublishedWish()
    {
        var wish = SubmittedWish();
        wish.Verify(Urgency.Normal, null, null, null, Reviewer, Now.AddDays(1));
        wish.Publish(Reviewer, Now.AddDays(6));
        return wish;
    }

    public static (Wish Wish, Claim Claim) ClaimedWish()
    {
        var wish = PublishedWish();
        var claim = wish.Claim(CompleteVolunteer(), 0, Rules, Now.AddDays(10));
        return (wish, claim);
    }

    public static (Wish Wish, Claim Claim) FulfilledWish()
    {
        var (wish, claim) = ClaimedWish();
        claim.Fulfil("已送到老人家中", [], 90, Now.AddDays(12));
        wish.Fulfil(claim, Now.AddDays(12));
        return (wish, claim);
    }

    /// <summary>A wish that has reached <paramref name="status"/> by the legal path.</summary>
    public static Wish WishIn(WishStatus status)
    {
        switch (status)
        {
            case WishStatus.Submitted:
                return SubmittedWish();
            case WishStatus.Verified:
                var verified = SubmittedWish();
                verified.Verify(Urgency.Urgent, null, null, null, Reviewer, Now.AddDays(1));
                return verified;
            case WishStatus.Rejected:
                var rejected = SubmittedWish();
                rejected.Reject("不属于资助范围", Reviewer, Now.AddDays(1));
                return rejected;
            case WishStatus.Published:
                return PublishedWish();
            case WishStatus.Claimed:
                return ClaimedWish().Wish;
            case WishStatus.Fulfilled:
                return FulfilledWish().Wish;
            case WishStatus.Confirmed:
                var (wish, _) = FulfilledWish();
                wish.Confirm(FollowUp.Record(wish, FollowUpMethod.Phone, 5, null, Reviewer, Now.AddDays(13)), Reviewer, Now.AddDays(13));
                return wish;
            case WishStatus.Withdrawn:
                var withdrawn = SubmittedWish();
                withdrawn.Withdraw("已经有人送了", Actor.Beneficiary(withdrawn.BeneficiaryId), Now.AddDays(1));
                return withdrawn;
            default:
                throw new ArgumentOutOfRangeException(nameof(status), status, "No stored wish is in this status.");
        }
    }
}
