using WeChatWish.Domain;

namespace WeChatWish.Tests.Domain;

public class FollowUpAndServiceRecordTests
{
    [TestCase(2, false)]
    [TestCase(3, true)]
    [TestCase(5, true)]
    public void FollowUpIsSatisfactoryFromThree(int satisfaction, bool satisfactory)
    {
        var (wish, _) = Given.FulfilledWish();
        Assert.That(FollowUp.Record(wish, FollowUpMethod.Phone, satisfaction, null, Given.Reviewer, Given.Now).IsSatisfactory, Is.EqualTo(satisfactory));
    }

    [TestCase(0)]
    [TestCase(6)]
    public void SatisfactoryOutsideOneToFiveIsRefused(int satisfaction)
    {
        var (wish, _) = Given.FulfilledWish();
        Assert.Throws<DomainValidationException>(() => FollowUp.Record(wish, FollowUpMethod.Phone, satisfaction, null, Given.Reviewer, Given.Now));
    }

    [Test]
    public void FollowUpBeforeFulfilmentIsRefused()
    {
        var (wish, _) = Given.ClaimedWish();
        var error = Assert.Throws<ConflictException>(() => FollowUp.Record(wish, FollowUpMethod.Visit, 5, null, Given.Reviewer, Given.Now));
        Assert.That(error!.Code, Is.EqualTo(DomainErrorCodes.FollowUpWishNotFulfilled));
    }

    [Test]
    public void FulfilmentEntryIsProvisionalUntilConfirmed()
    {
        var (_, claim) = Given.ClaimedWish();
        var fulfilment = claim.Fulfil("送去取暖器并安装", [], 90, Given.Now.AddDays(12));

        var entry = ServiceRecordEntry.ForFulfilment(fulfilment, "鼓楼区", "心愿W202612-0042：送去取暖器并安装");

        Assert.Multiple(() =>
        {
            Assert.That(entry.IsFinal, Is.False);
            Assert.That(entry.VolunteerId, Is.EqualTo(claim.VolunteerId));
            Assert.That(entry.ClaimId, Is.EqualTo(claim.Id));
            Assert.That(entry.Minutes, Is.EqualTo(90));
            Assert.That(entry.At, Is.EqualTo(Given.Now.AddDays(12)));
        });

        entry.MakeFinal("回访人 张三", Given.Now.AddDays(14));
        entry.MakeFinal("别人", Given.Now.AddDays(20));

        Assert.That(entry.IsFinal, Is.True);
        Assert.That(entry.Witness, Is.EqualTo("回访人 张三"));
        Assert.That(entry.FinalAt, Is.EqualTo(Given.Now.AddDays(14)));
    }

    [Test]
    public void EntryRecordedByStaffIsFinalAtOnce()
    {
        var entry = ServiceRecordEntry.Record(Guid.NewGuid(), Given.Now, "社区中心", "敬老院慰问", 120, "李主任");
        Assert.That(entry.IsFinal, Is.True);
        Assert.That(entry.ClaimId, Is.Null);
    }
}
