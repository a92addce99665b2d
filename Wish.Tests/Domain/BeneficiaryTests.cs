using WeChatWish.Domain;

namespace WeChatWish.Tests.Domain;

public class BeneficiaryTests
{
    private static Beneficiary WangJianguo() =>
        Beneficiary.Create("王建国", "13900000000", "鼓楼区某街1号", "320102194501011234", "gulou", "o-wang", Given.Now);

    [Test]
    public void BeneficiaryFromWeChatIsFollowing()
    {
        var beneficiary = WangJianguo();
        Assert.That(beneficiary.FollowStatus, Is.EqualTo(FollowStatus.Following));
        Assert.That(beneficiary.MaskedName, Is.EqualTo("王**"));
    }

    [Test]
    public void BeneficiaryFromTheHotlineHasNoFollowStatus()
    {
        var beneficiary = Beneficiary.Create("李四", "13900000001", null, null, "gulou", null, Given.Now);
        Assert.That(beneficiary.FollowStatus, Is.Null);
        beneficiary.SetFollowing(false, Given.Now);
        Assert.That(beneficiary.FollowStatus, Is.Null);
    }

    [Test]
    public void UnsubscribingIsRecorded()
    {
        var beneficiary = WangJianguo();
        beneficiary.SetFollowing(false, Given.Now.AddDays(1));
        Assert.That(beneficiary.FollowStatus, Is.EqualTo(FollowStatus.Unsubscribed));
    }

    [Test]
    public void EraseRemovesPersonalDataButKeepsDistrictAndHistoryKeys()
    {
        var beneficiary = WangJianguo();
        var id = beneficiary.Id;

        beneficiary.Erase(Given.Now.AddDays(30));

        Assert.Multiple(() =>
        {
            Assert.That(beneficiary.Id, Is.EqualTo(id));
            Assert.That(beneficiary.Name, Is.EqualTo(Beneficiary.ErasedName));
            Assert.That(beneficiary.MaskedName, Is.EqualTo(Beneficiary.ErasedName));
            Assert.That(beneficiary.Phone, Is.Null);
            Assert.That(beneficiary.Address, Is.Null);
            Assert.That(beneficiary.IdNumber, Is.Null);
            Assert.That(beneficiary.OpenId, Is.Null);
            Assert.That(beneficiary.FollowStatus, Is.Null);
            Assert.That(beneficiary.DistrictCode, Is.EqualTo("gulou"));
            Assert.That(beneficiary.ErasedAt, Is.EqualTo(Given.Now.AddDays(30)));
        });
    }

    [Test]
    public void ErasingTwiceKeepsTheFirstErasureTime()
    {
        var beneficiary = WangJianguo();
        beneficiary.Erase(Given.Now);
        beneficiary.Erase(Given.Now.AddDays(1));
        Assert.That(beneficiary.ErasedAt, Is.EqualTo(Given.Now));
    }

    [Test]
    public void ErasedBeneficiaryCannotBeGivenNewPersonalData()
    {
        var beneficiary = WangJianguo();
        beneficiary.Erase(Given.Now);
        var error = Assert.Throws<ConflictException>(() => beneficiary.UpdateContact("王建国", "139", null, null, "gulou", Given.Now));
        Assert.That(error!.Code, Is.EqualTo(DomainErrorCodes.BeneficiaryErased));
        Assert.Throws<ConflictException>(() => beneficiary.LinkWeChat("o-wang", Given.Now));
    }

    [Test]
    public void NameAndPhoneAreRequiredAndLengthChecked()
    {
        Assert.Throws<DomainValidationException>(() => Beneficiary.Create(" ", "139", null, null, "gulou", null, Given.Now));
        Assert.Throws<DomainValidationException>(() => Beneficiary.Create("王", "", null, null, "gulou", null, Given.Now));
        var tooLong = Assert.Throws<DomainValidationException>(() =>
            Beneficiary.Create(new string('王', Beneficiary.NameMaxLength + 1), "139", null, null, "gulou", null, Given.Now));
        Assert.That(tooLong!.Field, Is.EqualTo("name"));
        Assert.That(tooLong.Code, Is.EqualTo(DomainErrorCodes.TooLong));
    }
}
