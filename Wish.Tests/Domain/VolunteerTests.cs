using WeChatWish.Domain;

namespace WeChatWish.Tests.Domain;

public class VolunteerTests
{
    private static VolunteerProfile Profile(IReadOnlyList<string>? specialties = null, int birthYear = 1990) =>
        new("李雷", Gender.Male, birthYear, PoliticalStatus.LeagueMember, "13800000000", specialties ?? ["维修", "辅导"], "周末有空", "xuanwu", "某公司");

    [Test]
    public void NewlyRegisteredVolunteerHasAnIncompleteProfile()
    {
        var volunteer = Volunteer.Register("o-lilei", Given.Now);
        Assert.That(volunteer.IsProfileComplete, Is.False);
        Assert.That(volunteer.Specialties, Is.Empty);
    }

    [Test]
    public void UpdatingTheProfileCompletesIt()
    {
        var volunteer = Volunteer.Register("o-lilei", Given.Now);

        volunteer.UpdateProfile(Profile(), Given.Now.AddMinutes(5));

        Assert.Multiple(() =>
        {
            Assert.That(volunteer.IsProfileComplete, Is.True);
            Assert.That(volunteer.Name, Is.EqualTo("李雷"));
            Assert.That(volunteer.MaskedName, Is.EqualTo("李*"));
            Assert.That(volunteer.PoliticalStatus, Is.EqualTo(PoliticalStatus.LeagueMember));
            Assert.That(volunteer.DistrictCode, Is.EqualTo("xuanwu"));
            Assert.That(volunteer.Specialties, Is.EqualTo(new[] { "维修", "辅导" }));
            Assert.That(volunteer.UpdatedAt, Is.EqualTo(Given.Now.AddMinutes(5)));
        });
    }

    [Test]
    public void BlankAndDuplicateSpecialtiesAreDropped()
    {
        var volunteer = Volunteer.Register("o-lilei", Given.Now);
        volunteer.UpdateProfile(Profile([" 维修 ", "", "维修", "摄影"]), Given.Now);
        Assert.That(volunteer.Specialties, Is.EqualTo(new[] { "维修", "摄影" }));
    }

    [Test]
    public void TooManySpecialtiesAreRefused()
    {
        var volunteer = Volunteer.Register("o-lilei", Given.Now);
        var many = Enumerable.Range(1, Volunteer.MaxSpecialties + 1).Select(i => $"特长{i}").ToArray();
        var error = Assert.Throws<DomainValidationException>(() => volunteer.UpdateProfile(Profile(many), Given.Now));
        Assert.That(error!.Field, Is.EqualTo("specialties"));
        Assert.That(volunteer.IsProfileComplete, Is.False);
    }

    [TestCase(1899)]
    [TestCase(2027)]
    public void ImplausibleBirthYearIsRefused(int birthYear)
    {
        var volunteer = Volunteer.Register("o-lilei", Given.Now);
        var error = Assert.Throws<DomainValidationException>(() => volunteer.UpdateProfile(Profile(birthYear: birthYear), Given.Now));
        Assert.That(error!.Field, Is.EqualTo("birthYear"));
    }
}
