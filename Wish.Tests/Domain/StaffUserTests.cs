using WeChatWish.Domain;

namespace WeChatWish.Tests.Domain;

public class StaffUserTests
{
    [Test]
    public void UserNameIsStoredLowerCase() =>
        Assert.That(StaffUser.Create(" Admin ", "hash", StaffRole.Admin, null, Given.Now).UserName, Is.EqualTo("admin"));

    [Test]
    public void DistrictCoordinatorNeedsADistrictAndActsOnlyThere()
    {
        var error = Assert.Throws<DomainValidationException>(() => StaffUser.Create("zhang", "hash", StaffRole.DistrictCoordinator, null, Given.Now));
        Assert.That(error!.Code, Is.EqualTo(DomainErrorCodes.StaffDistrictRequired));

        var coordinator = StaffUser.Create("zhang", "hash", StaffRole.DistrictCoordinator, "gulou", Given.Now);
        Assert.That(coordinator.CanActInDistrict("gulou"), Is.True);
        Assert.That(coordinator.CanActInDistrict("xuanwu"), Is.False);
    }

    [Test]
    public void OtherRolesActEverywhereAndKeepNoDistrict()
    {
        var reviewer = StaffUser.Create("li", "hash", StaffRole.Reviewer, "gulou", Given.Now);
        Assert.That(reviewer.DistrictCode, Is.Null);
        Assert.That(reviewer.CanActInDistrict("xuanwu"), Is.True);
    }

    [Test]
    public void FifthFailureInARowLocksThePairForFifteenMinutes()
    {
        var attempts = SignInAttempts.None;
        for (var i = 0; i < 4; i++) attempts = attempts.Failed(Given.Now, 5, TimeSpan.FromMinutes(15));
        Assert.That(attempts.IsLocked(Given.Now), Is.False);

        attempts = attempts.Failed(Given.Now, 5, TimeSpan.FromMinutes(15));

        Assert.That(attempts.IsLocked(Given.Now.AddMinutes(14)), Is.True);
        Assert.That(attempts.IsLocked(Given.Now.AddMinutes(15)), Is.False);
    }

    [Test]
    public void GuessesDuringALockNeitherCountNorRenewIt()
    {
        var attempts = SignInAttempts.None;
        for (var i = 0; i < 5; i++) attempts = attempts.Failed(Given.Now, 5, TimeSpan.FromMinutes(15));
        var locked = attempts.LockedUntil;

        for (var minute = 1; minute < 15; minute++) attempts = attempts.Failed(Given.Now.AddMinutes(minute), 5, TimeSpan.FromMinutes(15));

        Assert.That(attempts.LockedUntil, Is.EqualTo(locked), "the owner gets in when the lock said");
        Assert.That(attempts.IsLocked(Given.Now.AddMinutes(15)), Is.False);
        Assert.That(attempts.Failed(Given.Now.AddMinutes(15), 5, TimeSpan.FromMinutes(15)).IsLocked(Given.Now.AddMinutes(15)), Is.False,
            "after the lock the count starts again");
    }

    [Test]
    public void ARevocationEndsTokensOfTheSameSecondAndEvenOfTheSameInstant()
    {
        var user = StaffUser.Create("admin", "hash", StaffRole.Admin, null, Given.Now);
        var marks = new List<long> { user.TokenMark };

        user.RevokeTokens(Given.Now);
        marks.Add(user.TokenMark);
        user.RevokeTokens(Given.Now);
        marks.Add(user.TokenMark);
        user.Deactivate(Given.Now.AddMilliseconds(-5));
        marks.Add(user.TokenMark);
        user.Activate();

        Assert.That(marks, Is.Unique, "every revocation moves the mark on, even with a clock that stands still or goes back");
        Assert.That(user.TokenMark, Is.EqualTo(marks[^1]), "reactivating brings no old mark back");
        Assert.That(user.TokensRevokedAt!.Value.UtcTicks % 10, Is.Zero, "kept to the microsecond, as PostgreSQL stores it");
    }
}
