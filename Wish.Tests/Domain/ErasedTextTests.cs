using WeChatWish.Domain;

namespace WeChatWish.Tests.Domain;

/// <summary>What erasure leaves of free text: notes blanked whole, content kept minus the person's own details.</summary>
public sealed class ErasedTextTests
{
    [Test]
    public void ANoteIsBlankedWholeAndAnAbsentOneStaysAbsent()
    {
        Assert.That(ErasedText.Blank("老人说儿子在外地打工"), Is.EqualTo(ErasedText.Marker), "a note can describe a person without naming them");
        Assert.That(ErasedText.Blank(null), Is.Null);
    }

    [Test]
    public void ScrubbingReplacesTheLongestDetailFirstAndKeepsTheRest()
    {
        var scrubbed = ErasedText.Scrub("王芳想要电暖器，住鼓楼区王芳路1号，电话13812345678", ["王芳", "鼓楼区王芳路1号", "13812345678", "x"], 200);

        Assert.That(scrubbed, Is.EqualTo("（已删除）想要电暖器，住（已删除），电话（已删除）"));
    }

    [Test]
    public void ScrubbingNeverGrowsTextPastItsLimit()
    {
        Assert.That(ErasedText.Scrub(string.Concat(Enumerable.Repeat("王芳", 100)), ["王芳"], 200), Has.Length.EqualTo(200));
    }

    [Test]
    public void ErasingAWishBlanksStaffWordsAndScrubsTheContentButKeepsStatusFlagsAndARoundMovesNote()
    {
        var wish = Wish.Submit(Given.NewWish(260m, "想要一个电暖器，电话13812345678"), Given.Code(), Given.Rules, [], Actor.System("test"), Given.Now);
        wish.MoveToRound(Given.Rules.RoundFor(Given.Now).Next(), Given.Reviewer, Given.Now);
        wish.Verify(Urgency.Urgent, null, "王芳独居", "王芳行动不便", Given.Reviewer, Given.Now.AddDays(1));

        wish.ErasePersonalText(["王芳", "13812345678"]);

        Assert.Multiple(() =>
        {
            Assert.That(wish.Content, Is.EqualTo("想要一个电暖器，电话（已删除）"));
            Assert.That(wish.ReviewNote, Is.EqualTo(ErasedText.Marker));
            Assert.That(wish.OverrideReason, Is.EqualTo(ErasedText.Marker));
            Assert.That(wish.RejectReason, Is.Null);
            Assert.That(wish.Status, Is.EqualTo(WishStatus.Verified));
            Assert.That(wish.Flags, Is.EqualTo(WishFlags.OverSoftCostLimit | WishFlags.ContactInContent), "the phone in its words flagged it");
            Assert.That(wish.History.Single(h => h.Action == WishAction.Verified).Note, Is.EqualTo(ErasedText.Marker));
            Assert.That(wish.History.Single(h => h.Action == WishAction.MovedToRound).Note, Does.Contain("→"));
        });
    }
}
