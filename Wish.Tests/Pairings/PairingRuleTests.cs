using WeChatWish.Domain;

namespace WeChatWish.Tests.Pairings;

/// <summary>The pairing's own rules: due dates by the China-time calendar, who may visit, hand-on and end.</summary>
public sealed class PairingRuleTests
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);
    private static readonly DateTimeOffset Created = new(2026, 12, 3, 2, 0, 0, TimeSpan.Zero);

    private static Pairing Weekly(PairingHolder holder) =>
        Pairing.Create(Beneficiary.Create("王秀英", "13900000000", null, null, "gulou", null, Created), holder, new DateOnly(2026, 12, 3), null, 7,
            "陪伴聊天", null, Actor.System("test"), Created, China);

    [Test]
    public void AVisitIsOverdueFromTheChinaTimeDayAfterItsDueDateEvenWhileTheUtcDateIsStillTheDueDate()
    {
        var pairing = Weekly(PairingHolder.Volunteer(Guid.NewGuid()));
        Assert.That(pairing.NextDueOn, Is.EqualTo(new DateOnly(2026, 12, 10)));

        // 16:30 UTC on the 10th is 00:30 on the 11th in China: the due day is over there.
        var lateOnDueDayUtc = new DateTimeOffset(2026, 12, 10, 16, 30, 0, TimeSpan.Zero);
        var beforeChinaMidnight = new DateTimeOffset(2026, 12, 10, 15, 30, 0, TimeSpan.Zero);

        Assert.That(pairing.IsOverdue(Pairing.Today(beforeChinaMidnight, China)), Is.False);
        Assert.That(pairing.IsOverdue(Pairing.Today(lateOnDueDayUtc, China)), Is.True);
        Assert.That(pairing.IsOverdue(DateOnly.FromDateTime(lateOnDueDayUtc.UtcDateTime)), Is.False, "the UTC calendar would still say the due day");
    }

    [Test]
    public void AVisitMovesTheNextDueDateOnFromTheLatestVisit()
    {
        var volunteer = Guid.NewGuid();
        var pairing = Weekly(PairingHolder.Volunteer(volunteer));
        var now = new DateTimeOffset(2026, 12, 12, 4, 0, 0, TimeSpan.Zero);

        pairing.RecordVisit(volunteer, false, new DateTimeOffset(2026, 12, 11, 17, 0, 0, TimeSpan.Zero), 60, "买菜", Actor.Volunteer(volunteer), now, China);
        pairing.RecordVisit(volunteer, false, new DateTimeOffset(2026, 12, 5, 2, 0, 0, TimeSpan.Zero), 30, "补记", Actor.Volunteer(volunteer), now, China);

        Assert.That(pairing.LastVisitOn, Is.EqualTo(new DateOnly(2026, 12, 12)), "17:00 UTC on the 11th is the 12th in China");
        Assert.That(pairing.NextDueOn, Is.EqualTo(new DateOnly(2026, 12, 19)));
    }

    [Test]
    public void OnlyTheHolderOrAMemberOfTheHoldingTeamIsCreditedWithAVisit()
    {
        var pairing = Weekly(PairingHolder.Team(Guid.NewGuid()));
        var now = Created.AddDays(1);

        var refused = Assert.Throws<RuleViolationException>(() =>
            pairing.RecordVisit(Guid.NewGuid(), isTeamMember: false, now, 60, "走访", Actor.System("test"), now, China));
        Assert.That(refused!.Code, Is.EqualTo(DomainErrorCodes.PairingNotHolder));
        Assert.That(pairing.RecordVisit(Guid.NewGuid(), isTeamMember: true, now, 60, "走访", Actor.System("test"), now, China).Minutes, Is.EqualTo(60));
    }

    [Test]
    public void AVisitInTheFutureOrBeforeTheStartIsRefused()
    {
        var volunteer = Guid.NewGuid();
        var pairing = Weekly(PairingHolder.Volunteer(volunteer));
        var now = Created.AddDays(2);

        foreach (var at in new[] { now.AddDays(1), Created.AddDays(-2) })
            Assert.That(Assert.Throws<RuleViolationException>(() =>
                pairing.RecordVisit(volunteer, false, at, 60, "走访", Actor.Volunteer(volunteer), now, China))!.Code,
                Is.EqualTo(DomainErrorCodes.PairingVisitOutsidePeriod));
    }

    [Test]
    public void HandingOnToTheSameHolderOrAfterTheEndIsRefused()
    {
        var volunteer = Guid.NewGuid();
        var pairing = Weekly(PairingHolder.Volunteer(volunteer));

        Assert.That(Assert.Throws<RuleViolationException>(() => pairing.HandOn(PairingHolder.Volunteer(volunteer), "换人", Actor.System("t"), Created))!.Code,
            Is.EqualTo(DomainErrorCodes.PairingSameHolder));
        var handover = pairing.HandOn(PairingHolder.Team(Guid.NewGuid()), "志愿者搬家", Actor.System("t"), Created);
        Assert.That(handover.FromVolunteerId, Is.EqualTo(volunteer));
        Assert.That(pairing.VolunteerId, Is.Null);

        pairing.End("受助人搬离", Created);
        Assert.That(Assert.Throws<IllegalTransitionException>(() => pairing.HandOn(PairingHolder.Volunteer(volunteer), "x", Actor.System("t"), Created))!.Code,
            Is.EqualTo(DomainErrorCodes.PairingEnded));
    }

    [Test]
    public void ARemindedDueDateIsNotRemindedAgainButTheNextOneIs()
    {
        var volunteer = Guid.NewGuid();
        var pairing = Weekly(PairingHolder.Volunteer(volunteer));
        var today = new DateOnly(2026, 12, 12);

        Assert.That(pairing.MarkReminded(today), Is.True);
        Assert.That(pairing.MarkReminded(today.AddDays(1)), Is.False);
        var now = new DateTimeOffset(2026, 12, 12, 2, 0, 0, TimeSpan.Zero);
        pairing.RecordVisit(volunteer, false, now, 30, "走访", Actor.Volunteer(volunteer), now, China);
        Assert.That(pairing.MarkReminded(new DateOnly(2026, 12, 20)), Is.True, "the visit set a new due date (the 19th), overdue on the 20th");
    }
}
