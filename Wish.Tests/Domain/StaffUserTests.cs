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
    public void FifthFailedLoginLocksTheAccountForFifteenMinutes()
    {
        var user = StaffUser.Create("admin", "hash", StaffRole.Admin, null, Given.Now);
        for (var i = 0; i < 4; i++) user.RecordFailedLogin(Given.Now);
        Assert.That(user.IsLockedOut(Given.Now), Is.False);

        user.RecordFailedLogin(Given.Now);

        Assert.That(user.IsLockedOut(Given.Now.AddMinutes(14)), Is.True);
        Assert.That(user.IsLockedOut(Given.Now.AddMinutes(15)), Is.False);
    }

    [Test]
    public void SuccessfulLoginResetsTheFailureCount()
    {
        var user = StaffUser.Create("admin", "hash", StaffRole.Admin, null, Given.Now);
        for (var i = 0; i < 4; i++) user.RecordFailedLogin(Given.Now);
        user.RecordSuccessfulLogin(Given.Now);
        user.RecordFailedLogin(Given.Now);

        Assert.That(user.FailedLoginCount, Is.EqualTo(1));
        Assert.That(user.IsLockedOut(Given.Now), Is.False);
        Assert.That(user.LastLoginAt, Is.EqualTo(Given.Now));
    }
}
