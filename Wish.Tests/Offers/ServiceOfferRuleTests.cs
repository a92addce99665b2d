using WeChatWish.Domain;

namespace WeChatWish.Tests.Offers;

/// <summary>The offer's own rules, without a database: lengths, the review transitions, one request each, crediting only volunteers.</summary>
public sealed class ServiceOfferRuleTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 2, 0, 0, TimeSpan.Zero);
    private static readonly Actor Staff = Actor.Staff(Guid.Parse("00000000-0000-0000-0000-0000000000aa"));

    private static ServiceOffer Offer(Guid? volunteerId = null, string? name = null) =>
        ServiceOffer.Submit("o_rule", volunteerId, name, "修自行车", "周末上午", "gulou", districtKnown: true, Now);

    [TestCase("修", DomainErrorCodes.TooShort)]
    [TestCase("  ", DomainErrorCodes.Required)]
    public void WhatNeedsTwoToTwoHundredCharacters(string what, string code)
    {
        var e = Assert.Throws<DomainValidationException>(() => ServiceOffer.Submit("o", null, null, what, "周末", "gulou", true, Now));
        Assert.That((e!.Code, e.Field), Is.EqualTo((code, "what")));
        Assert.That(Assert.Throws<DomainValidationException>(() => ServiceOffer.CheckWhat(new string('修', 201)))!.Code,
            Is.EqualTo(DomainErrorCodes.TooLong));
        Assert.That(ServiceOffer.CheckWhat(new string('修', 200)), Has.Length.EqualTo(200));
    }

    [Test]
    public void WhenIsAtMostFiftyCharactersAndTheDistrictMustBeKnown()
    {
        Assert.That(Assert.Throws<DomainValidationException>(() => ServiceOffer.CheckWhen(new string('早', 51)))!.Code,
            Is.EqualTo(DomainErrorCodes.TooLong));
        Assert.That(Assert.Throws<DomainValidationException>(() =>
            ServiceOffer.Submit("o", null, null, "修自行车", "周末", "atlantis", districtKnown: false, Now))!.Field, Is.EqualTo("districtCode"));
    }

    [Test]
    public void TheNameShownIsMaskedAsABeneficiarysAndAbsentForAFollowerWhoIsNotAVolunteer()
    {
        Assert.That(Offer(Guid.NewGuid(), "王秀英").DisplayName, Is.EqualTo(NameMask.Mask("王秀英")).And.EqualTo("王**"));
        Assert.That(Offer().DisplayName, Is.EqualTo(ServiceOffer.AnonymousDisplayName));
        Assert.That(Offer(null, "王秀英").OffererName, Is.Null, "a name is only held for a registered volunteer");
    }

    [Test]
    public void ReviewGoesSubmittedToPublishedOrRejectedAndPublishedToClosed()
    {
        var rejected = Offer();
        Assert.Throws<DomainValidationException>(() => rejected.Reject(" ", Staff, Now));
        rejected.Reject("内容不清楚", Staff, Now);
        Assert.That((rejected.Status, rejected.RejectReason), Is.EqualTo((OfferStatus.Rejected, "内容不清楚")));
        Assert.That(Assert.Throws<IllegalTransitionException>(() => rejected.Publish(Staff, Now))!.Code, Is.EqualTo(DomainErrorCodes.OfferIllegalTransition));

        var offer = Offer();
        Assert.Throws<IllegalTransitionException>(() => offer.Close(Now));
        offer.Publish(Staff, Now);
        Assert.That(offer.PublishedAt, Is.EqualTo(Now));
        offer.Close(Now.AddDays(1));
        Assert.That(offer.Status, Is.EqualTo(OfferStatus.Closed));
        Assert.Throws<IllegalTransitionException>(() => offer.Close(Now));
    }

    [Test]
    public void APublishedOfferIsRequestedOncePerPersonAndNotByTheOfferer()
    {
        var offerer = Guid.NewGuid();
        var offer = Offer(offerer, "张建国");
        var someone = Actor.Volunteer(Guid.NewGuid());
        Assert.That(Assert.Throws<RuleViolationException>(() => offer.Request(someone, null, Now))!.Code, Is.EqualTo(DomainErrorCodes.OfferNotPublished));
        offer.Publish(Staff, Now);

        var match = offer.Request(someone, "  请下午打电话 ", Now);

        Assert.That(match.Note, Is.EqualTo("请下午打电话"));
        Assert.That(Assert.Throws<RuleViolationException>(() => offer.Request(someone, null, Now))!.Code, Is.EqualTo(DomainErrorCodes.OfferAlreadyRequested));
        Assert.That(Assert.Throws<RuleViolationException>(() => offer.Request(Actor.Volunteer(offerer), null, Now))!.Code,
            Is.EqualTo(DomainErrorCodes.OfferOwnRequest));
        Assert.That(offer.Matches, Has.Count.EqualTo(1));
    }

    [Test]
    public void CreditingGivesThePassbookLineOfTheOfferingVolunteerOnceAndIsRefusedForAResident()
    {
        var volunteer = Guid.NewGuid();
        var offer = Offer(volunteer, "张建国");
        offer.Publish(Staff, Now);
        var match = offer.Request(Actor.Volunteer(Guid.NewGuid()), null, Now);

        Assert.Throws<DomainValidationException>(() => offer.Credit(match.Id, 0, "鼓楼区", "admin", Now));
        var entry = offer.Credit(match.Id, 90, "鼓楼区", "admin", Now);

        Assert.That((entry.VolunteerId, entry.Minutes, entry.IsFinal, entry.Witness), Is.EqualTo((volunteer, 90, true, "admin")));
        Assert.That(match.CreditedMinutes, Is.EqualTo(90));
        Assert.That(Assert.Throws<ConflictException>(() => offer.Credit(match.Id, 30, "鼓楼区", "admin", Now))!.Code,
            Is.EqualTo(DomainErrorCodes.OfferAlreadyCredited));
        Assert.That(Assert.Throws<NotFoundException>(() => offer.Credit(Guid.NewGuid(), 30, "鼓楼区", "admin", Now))!.Code,
            Is.EqualTo(DomainErrorCodes.OfferMatchNotFound));

        var resident = Offer();
        resident.Publish(Staff, Now);
        var theirs = resident.Request(Actor.Volunteer(Guid.NewGuid()), null, Now);
        Assert.That(Assert.Throws<RuleViolationException>(() => resident.Credit(theirs.Id, 30, "鼓楼区", "admin", Now))!.Code,
            Is.EqualTo(DomainErrorCodes.OfferNotVolunteer));
        Assert.That(theirs.CreditedMinutes, Is.Null, "a refused credit leaves the match as it was");
    }
}
