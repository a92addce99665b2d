using WeChatWish.Domain;

namespace WeChatWish.Tests.Domain;

public class WishLifecycleTests
{
    [Test]
    public void SubmittedWishHasCodeRoundAndOneHistoryEntry()
    {
        var wish = Given.SubmittedWish();

        Assert.Multiple(() =>
        {
            Assert.That(wish.Status, Is.EqualTo(WishStatus.Submitted));
            Assert.That(wish.Code, Is.EqualTo("W202612-0042"));
            Assert.That(wish.Round, Is.EqualTo(new Round(2026, 12)));
            Assert.That(wish.Flags, Is.EqualTo(WishFlags.None));
            Assert.That(wish.SubmittedAt, Is.EqualTo(Given.Now));
            Assert.That(wish.History.Single().Action, Is.EqualTo(WishAction.Submitted));
            Assert.That(wish.History.Single().By, Is.EqualTo(Actor.System("test")));
        });
    }

    [Test]
    public void SubmitTrimsContentAndRefusesTooShortOrTooLongContent()
    {
        var ok = Wish.Submit(Given.NewWish(content: "  书包  "), Given.Code(), Given.Rules, [], Given.Reviewer, Given.Now);
        Assert.That(ok.Content, Is.EqualTo("书包"));

        var tooShort = Assert.Throws<DomainValidationException>(() =>
            Wish.Submit(Given.NewWish(content: " 包 "), Given.Code(), Given.Rules, [], Given.Reviewer, Given.Now));
        Assert.That(tooShort!.Field, Is.EqualTo("content"));
        Wish.Submit(Given.NewWish(content: new string('字', Wish.ContentMaxLength)), Given.Code(), Given.Rules, [], Given.Reviewer, Given.Now);
        Assert.Throws<DomainValidationException>(() =>
            Wish.Submit(Given.NewWish(content: new string('字', Wish.ContentMaxLength + 1)), Given.Code(), Given.Rules, [], Given.Reviewer, Given.Now));
    }

    [Test]
    public void SubmitRefusesAMalformedCode()
    {
        var error = Assert.Throws<DomainValidationException>(() =>
            Wish.Submit(Given.NewWish(), "W2026-12-42", Given.Rules, [], Given.Reviewer, Given.Now));
        Assert.That(error!.Code, Is.EqualTo(DomainErrorCodes.WishCodeInvalid));
    }

    [Test]
    public void VerifySetsUrgencyCategoryNoteAndWhoAndWhen()
    {
        var wish = Given.SubmittedWish();
        var at = Given.Now.AddHours(3);

        wish.Verify(Urgency.Critical, WishCategory.Disabled, "情况属实", null, Given.Reviewer, at);

        Assert.Multiple(() =>
        {
            Assert.That(wish.Status, Is.EqualTo(WishStatus.Verified));
            Assert.That(wish.Urgency, Is.EqualTo(Urgency.Critical));
            Assert.That(wish.Category, Is.EqualTo(WishCategory.Disabled));
            Assert.That(wish.ReviewNote, Is.EqualTo("情况属实"));
            Assert.That(wish.VerifiedAt, Is.EqualTo(at));
            Assert.That(wish.VerifiedBy, Is.EqualTo(Given.Reviewer));
            Assert.That(wish.History[^1].From, Is.EqualTo(WishStatus.Submitted));
            Assert.That(wish.History[^1].To, Is.EqualTo(WishStatus.Verified));
        });
    }

    [Test]
    public void VerifyKeepsTheCategoryWhenTheReviewerGivesNone()
    {
        var wish = Given.SubmittedWish();
        wish.Verify(Urgency.Normal, null, null, null, Given.Reviewer, Given.Now);
        Assert.That(wish.Category, Is.EqualTo(WishCategory.ElderlyAlone));
    }

    [Test]
    public void FlaggedWishCannotBeVerifiedWithoutOverrideReason()
    {
        var wish = Given.SubmittedWish(cost: 300m);

        var error = Assert.Throws<RuleViolationException>(() => wish.Verify(Urgency.Normal, null, "ok", "  ", Given.Reviewer, Given.Now));

        Assert.That(error!.Code, Is.EqualTo(DomainErrorCodes.WishFlaggedNeedsOverride));
        Assert.That(error.Kind, Is.EqualTo(DomainErrorKind.Rule));
        Assert.That(wish.Status, Is.EqualTo(WishStatus.Submitted));
    }

    [Test]
    public void FlaggedWishIsVerifiedWithOverrideReasonWhichIsRecorded()
    {
        var prior = new PriorWish(WishStatus.Confirmed, Given.Now.AddMonths(-3));
        var wish = Given.SubmittedWish(prior: [prior]);

        wish.Verify(Urgency.Urgent, null, null, "火灾后急需", Given.Reviewer, Given.Now);

        Assert.That(wish.Flags, Is.EqualTo(WishFlags.SecondIn12Months));
        Assert.That(wish.OverrideReason, Is.EqualTo("火灾后急需"));
        Assert.That(wish.History[^1].Note, Is.EqualTo("火灾后急需"));
    }

    [Test]
    public void RejectFromSubmittedOrVerifiedRecordsTheReason()
    {
        foreach (var status in new[] { WishStatus.Submitted, WishStatus.Verified })
        {
            var wish = Given.WishIn(status);
            wish.Reject("重复申请", Given.Reviewer, Given.Now.AddDays(2));
            Assert.That(wish.Status, Is.EqualTo(WishStatus.Rejected));
            Assert.That(wish.RejectReason, Is.EqualTo("重复申请"));
            Assert.That(wish.RejectedAt, Is.EqualTo(Given.Now.AddDays(2)));
        }
    }

    [Test]
    public void RejectNeedsAReason()
    {
        var wish = Given.SubmittedWish();
        var error = Assert.Throws<DomainValidationException>(() => wish.Reject(" ", Given.Reviewer, Given.Now));
        Assert.That(error!.Code, Is.EqualTo(DomainErrorCodes.Required));
    }

    [Test]
    public void PublishMovesVerifiedToPublishedAndStampsTheTime()
    {
        var wish = Given.WishIn(WishStatus.Verified);
        wish.Publish(Given.Reviewer, Given.Now.AddDays(6));
        Assert.That(wish.Status, Is.EqualTo(WishStatus.Published));
        Assert.That(wish.PublishedAt, Is.EqualTo(Given.Now.AddDays(6)));
    }

    [Test]
    public void WithdrawIsAllowedFromSubmittedVerifiedAndPublished()
    {
        foreach (var status in new[] { WishStatus.Submitted, WishStatus.Verified, WishStatus.Published })
        {
            var wish = Given.WishIn(status);
            var by = Actor.Beneficiary(wish.BeneficiaryId);
            wish.Withdraw("家里人已经买了", by, Given.Now.AddDays(8));
            Assert.That(wish.Status, Is.EqualTo(WishStatus.Withdrawn));
            Assert.That(wish.WithdrawReason, Is.EqualTo("家里人已经买了"));
            Assert.That(wish.History[^1].By, Is.EqualTo(by));
        }
    }

    [Test]
    public void MoveToRoundRollsAnUnclaimedWishOverAndKeepsStatusAndCode()
    {
        var wish = Given.PublishedWish();

        wish.MoveToRound(new Round(2027, 1), Actor.System("rollover"), Given.Now.AddDays(27));

        Assert.Multiple(() =>
        {
            Assert.That(wish.Round, Is.EqualTo(new Round(2027, 1)));
            Assert.That(wish.Status, Is.EqualTo(WishStatus.Published));
            Assert.That(wish.Code, Is.EqualTo("W202612-0042"));
            Assert.That(wish.History[^1].Action, Is.EqualTo(WishAction.MovedToRound));
            Assert.That(wish.History[^1].Note, Is.EqualTo("202612 → 202701"));
        });
    }

    [Test]
    public void MoveToRoundRefusesTheSameOrAnEarlierRound()
    {
        var wish = Given.PublishedWish();
        var error = Assert.Throws<RuleViolationException>(() => wish.MoveToRound(new Round(2026, 12), Given.Reviewer, Given.Now));
        Assert.That(error!.Code, Is.EqualTo(DomainErrorCodes.WishRoundNotLater));
        Assert.Throws<RuleViolationException>(() => wish.MoveToRound(new Round(2026, 11), Given.Reviewer, Given.Now));
    }

    [Test]
    public void AddPhotoIsAllowedUnderReviewUpToTheLimit()
    {
        var wish = Given.SubmittedWish();
        for (var i = 0; i < Wish.MaxPhotos; i++)
            wish.AddPhoto(WishPhoto.Create($"media-{i}", $"https://img.example/{i}.jpg", Given.Now));

        var error = Assert.Throws<RuleViolationException>(() => wish.AddPhoto(WishPhoto.Create(null, "https://img.example/x.jpg", Given.Now)));

        Assert.That(error!.Code, Is.EqualTo(DomainErrorCodes.WishTooManyPhotos));
        Assert.That(wish.Photos, Has.Count.EqualTo(Wish.MaxPhotos));
    }

    [Test]
    public void AddPhotoIsRefusedOncePublished()
    {
        var wish = Given.PublishedWish();
        Assert.Throws<IllegalTransitionException>(() => wish.AddPhoto(WishPhoto.Create(null, "https://img.example/x.jpg", Given.Now)));
    }

    [Test]
    public void TimesAreStoredInUtcWhateverOffsetTheyArriveIn()
    {
        var wish = Given.SubmittedWish();
        var chinaTime = new DateTimeOffset(2026, 12, 6, 9, 0, 0, TimeSpan.FromHours(8));

        wish.Verify(Urgency.Normal, null, null, null, Given.Reviewer, chinaTime);

        Assert.That(wish.VerifiedAt!.Value.Offset, Is.EqualTo(TimeSpan.Zero));
        Assert.That(wish.VerifiedAt, Is.EqualTo(chinaTime));
    }
}
