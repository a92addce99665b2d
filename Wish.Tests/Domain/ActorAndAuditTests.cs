using WeChatWish.Domain;

namespace WeChatWish.Tests.Domain;

public class ActorAndAuditTests
{
    [Test]
    public void ActorRoundTripsThroughItsStoredForm()
    {
        var staff = Actor.Staff(Guid.Parse("3f2a0000-0000-0000-0000-000000000001"));
        Assert.That(staff.ToString(), Is.EqualTo("Staff:3f2a0000-0000-0000-0000-000000000001"));
        Assert.That(Actor.Parse(staff.ToString()), Is.EqualTo(staff));
        Assert.That(Actor.Parse("System:claim-expiry:v2"), Is.EqualTo(Actor.System("claim-expiry:v2")));
    }

    [TestCase("")]
    [TestCase(":x")]
    [TestCase("Robot:1")]
    public void MalformedActorIsRefused(string value) =>
        Assert.Throws<FormatException>(() => Actor.Parse(value));

    [TestCase("")]
    [TestCase("0123456789012345678901234567890123456789012345678901234567890123X")]
    public void ActorIdMustFitItsColumn(string id) =>
        Assert.Throws<ArgumentException>(() => Actor.System(id));

    [Test]
    public void StatusChangeBecomesAnAuditEntry()
    {
        var wish = Given.SubmittedWish();
        wish.Reject("信息不全", Given.Reviewer, Given.Now.AddDays(1));

        var entry = AuditEntry.ForStatusChange(wish.History[^1]);

        Assert.Multiple(() =>
        {
            Assert.That(entry.Action, Is.EqualTo("wish.rejected"));
            Assert.That(entry.Actor, Is.EqualTo(Given.Reviewer));
            Assert.That(entry.EntityType, Is.EqualTo("Wish"));
            Assert.That(entry.EntityId, Is.EqualTo(wish.Id.ToString()));
            Assert.That(entry.Details, Is.EqualTo(AuditEntry.NoteInHistory), "the note is referred to, not copied");
            Assert.That(entry.At, Is.EqualTo(Given.Now.AddDays(1)));
        });
    }

    [Test]
    public void OverlongAuditDetailsAreCutNotRefused()
    {
        var entry = AuditEntry.Record(Given.Reviewer, "beneficiary.viewed", "Beneficiary", "x", new string('a', 3000), Given.Now);
        Assert.That(entry.Details, Has.Length.EqualTo(AuditEntry.DetailsMaxLength));
    }
}
