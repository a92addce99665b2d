using Microsoft.EntityFrameworkCore;
using WeChatWish.Api.Intake;
using WeChatWish.Domain;

namespace WeChatWish.Tests.Intake;

public sealed class ProgressAndWithdrawTests : IntakeTestBase
{
    [Test]
    public async Task ProgressShowsEachWishWithCodeStatusInPlainWordsAndWhatHappensNext()
    {
        var user = User("o_progress");
        Assert.That(await user.SayAsync("查询"), Does.Contain("还没有提交过心愿"));
        await LeaveWishAsync(user);

        Assert.That(await user.SayAsync("进度"), Does.Contain("W202612-0001 想要一个电暖器过冬").And.Contain("状态：已提交。工作人员会尽快核实"));

        await StaffAsync("W202612-0001", (w, _) => w.Verify(Urgency.Normal, null, null, null, Reviewer, Clock.GetUtcNow()));
        Assert.That(await user.SayAsync("查询"), Does.Contain("状态：审核通过。将在12月发布"));

        await StaffAsync("W202612-0001", (w, _) => w.Publish(Reviewer, Clock.GetUtcNow()));
        Assert.That(await user.SayAsync("查询"), Does.Contain("状态：已发布。正在等志愿者认领"));

        await ClaimAsync("W202612-0001");
        var claimed = await user.SayAsync("查询");
        Assert.That(claimed, Does.Contain("状态：已被认领。志愿者会联系您").And.Not.Contain("撤回"));
    }

    [Test]
    public async Task ProgressDuringADraftRemindsOfTheDraft()
    {
        var user = User("o_progress_draft");
        await user.SayAsync("心愿");
        await user.SayAsync("4");

        Assert.That(await user.SayAsync("查询"), Does.Contain("您还有一个心愿没填完"));
        Assert.That(await user.SayAsync("1"), Does.Contain("姓名"), "the draft carries on where it was");
    }

    [Test]
    public async Task CancelDropsTheDraft()
    {
        var user = User("o_cancel");
        Assert.That(await user.SayAsync("取消"), Is.EqualTo(IntakeTexts.NothingToCancel));
        await user.SayAsync("心愿 想要一个书包 80元");

        Assert.That(await user.SayAsync("取消"), Is.EqualTo(IntakeTexts.Cancelled));

        Assert.That(await user.SayAsync("3"), Does.Contain("心愿 — 留下一个小心愿"), "no draft any more: the menu");
        Assert.That(await user.SayAsync("心愿"), Does.Contain("您属于哪一类"));
        foreach (var answer in new[] { "3", "2", "刘小明", "13812345678" }) await user.SayAsync(answer);
        Assert.That(await user.SayAsync("想要一个新书包"), Does.Contain("多少钱"), "the dropped cost is not remembered");
    }

    [Test]
    public async Task CancelWithACodeWithdrawsTheWishAndRecordsWhoDidIt()
    {
        var user = User("o_withdraw");
        await LeaveWishAsync(user);

        Assert.That(await user.SayAsync("取消 w202612-0001"), Is.EqualTo("心愿 W202612-0001 已撤回。想留新的心愿，发送“心愿”。"));

        var wish = (await WishesOfAsync("o_withdraw")).Single();
        Assert.That(wish.Status, Is.EqualTo(WishStatus.Withdrawn));
        var audit = await DbAsync(db => db.AuditEntries.Where(a => a.EntityId == wish.Id.ToString()).OrderBy(a => a.At).ToListAsync());
        Assert.That(audit.Select(a => a.Action), Is.EqualTo(new[] { "wish.submitted", "wish.withdrawn" }));
        Assert.That(audit[1].ActorKind, Is.EqualTo(ActorKind.Beneficiary));
        Assert.That(await user.SayAsync("取消 W202612-0001"), Does.Contain("已经撤回了"));
        Assert.That(await user.SayAsync("查询"), Does.Contain("状态：已撤回"));
    }

    [Test]
    public async Task AClaimedWishOrSomeoneElsesCannotBeWithdrawn()
    {
        await LeaveWishAsync(User("o_claimed"));
        await StaffAsync("W202612-0001", (w, _) =>
        {
            w.Verify(Urgency.Normal, null, null, null, Reviewer, Clock.GetUtcNow());
            w.Publish(Reviewer, Clock.GetUtcNow());
        });
        await ClaimAsync("W202612-0001");

        Assert.That(await User("o_claimed").SayAsync("取消 W202612-0001"), Does.Contain("已经有志愿者认领，不能在这里撤回"));
        Assert.That(await User("o_stranger").SayAsync("取消 W202612-0001"), Does.Contain("没有找到您的心愿 W202612-0001"));
        Assert.That((await WishesOfAsync("o_claimed")).Single().Status, Is.EqualTo(WishStatus.Claimed));
    }

    [Test]
    public async Task APhotoAfterSubmittingIsAddedToTheWishUnderReview()
    {
        var user = User("o_late_photo");
        Assert.That(await user.SendPhotoAsync("m0"), Is.EqualTo(IntakeTexts.PhotoOutsideDraft));
        await LeaveWishAsync(user);

        Assert.That(await user.SendPhotoAsync("m1", "http://mmbiz.qpic.cn/late.jpg"), Does.Contain("照片已加到心愿 W202612-0001 上（共1张）"));

        var photo = (await WishesOfAsync("o_late_photo")).Single().Photos.Single();
        Assert.That((photo.MediaId, photo.Url), Is.EqualTo(((string?)"m1", "http://mmbiz.qpic.cn/late.jpg")));
    }

    private Task ClaimAsync(string code) => StaffAsync(code, (wish, db) =>
    {
        var volunteer = Volunteer.Register("o-volunteer-" + Guid.NewGuid().ToString("N")[..8], Clock.GetUtcNow());
        volunteer.UpdateProfile(new VolunteerProfile("李雷", Gender.Male, 1990, PoliticalStatus.Masses, "13800000000", ["维修"], null, "gulou", null),
            Clock.GetUtcNow());
        db.Volunteers.Add(volunteer);
        db.Claims.Add(wish.Claim(volunteer, 0, WishRules.Default, Clock.GetUtcNow()));
    });
}
