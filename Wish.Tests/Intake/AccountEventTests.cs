using Microsoft.EntityFrameworkCore;
using WeChatWish.Domain;

namespace WeChatWish.Tests.Intake;

public sealed class AccountEventTests : IntakeTestBase
{
    [Test]
    public async Task AFollowIsWelcomedWithHowToLeaveAWishAndTheHotline()
    {
        var at = IntakePush.NextEventTime();
        var welcome = await User("o_new").SendAsync(Callback.WeChatPush.EventXml("o_new", "subscribe", at, "qrscene_community-7"), "（关注）");

        Assert.That(welcome, Does.Contain("感谢关注微心愿").And.Contain("发送“心愿”").And.Contain($"热线 {Hotline}"));
        var follower = await DbAsync(db => db.Followers.SingleAsync(f => f.OpenId == "o_new"));
        Assert.That((follower.IsFollowing, follower.Scene, follower.SubscribedAt),
            Is.EqualTo((true, (string?)"community-7", (DateTimeOffset?)DateTimeOffset.FromUnixTimeSeconds(at))));
    }

    [Test]
    public async Task AnUnfollowMarksTheFollowerAndTheBeneficiaryUnsubscribed()
    {
        var user = User("o_leaving");
        await user.SendAsync(IntakePush.Subscribe("o_leaving"), "（关注）");
        await LeaveWishAsync(user);

        var reply = await user.SendAsync(IntakePush.Unsubscribe("o_leaving"), "（取消关注）", expectReply: false);

        Assert.That(reply, Is.Empty);
        var (follower, beneficiary) = await DbAsync(async db => (
            await db.Followers.SingleAsync(f => f.OpenId == "o_leaving"),
            await db.Beneficiaries.SingleAsync(b => b.OpenId == "o_leaving")));
        Assert.That(follower.IsFollowing, Is.False);
        Assert.That(follower.UnsubscribedAt, Is.Not.Null);
        Assert.That(beneficiary.FollowStatus, Is.EqualTo(FollowStatus.Unsubscribed));

        await user.SendAsync(IntakePush.Subscribe("o_leaving"), "（再次关注）");
        var back = await DbAsync(db => db.Beneficiaries.SingleAsync(b => b.OpenId == "o_leaving"));
        Assert.That(back.FollowStatus, Is.EqualTo(FollowStatus.Following));
    }

    [Test]
    public async Task AnUnfollowFromSomeoneNeverSeenIsStillRecorded()
    {
        await User("o_old").SendAsync(IntakePush.Unsubscribe("o_old"), "（取消关注）", expectReply: false);

        var follower = await DbAsync(db => db.Followers.SingleAsync(f => f.OpenId == "o_old"));
        Assert.That((follower.IsFollowing, follower.SubscribedAt), Is.EqualTo((false, (DateTimeOffset?)null)));
    }

    [Test]
    public async Task TemplateDeliveryReportsAreHandedToTheRecorder()
    {
        var reply = await User("o_notified").SendAsync(IntakePush.TemplateSendJobFinish("o_notified", 200163836, "failed:user block"), "", expectReply: false);

        Assert.That(reply, Is.Empty);
        var call = Deliveries.Calls.Single();
        Assert.That((call.OpenId, call.MsgId, call.Status), Is.EqualTo(("o_notified", 200163836L, "failed:user block")));
    }

    [Test]
    public async Task OtherEventsAreAnsweredWithNothing()
    {
        var view = Callback.WeChatPush.EventXml("o_viewer", "VIEW", IntakePush.NextEventTime(), "https://example.org/wishes");

        Assert.That(await User("o_viewer").SendAsync(view, "", expectReply: false), Is.Empty);
    }
}
