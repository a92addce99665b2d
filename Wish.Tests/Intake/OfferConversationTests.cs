using Microsoft.EntityFrameworkCore;
using WeChatWish.Api.Offers;
using WeChatWish.Domain;

namespace WeChatWish.Tests.Intake;

/// <summary>"我能帮忙" on the official account (DESIGN.md §12): what, when, which district, 确认; the same store and keywords as a wish.</summary>
public sealed class OfferConversationTests : IntakeTestBase
{
    private Task<List<ServiceOffer>> OffersOfAsync(string openId) =>
        DbAsync(db => db.ServiceOffers().Where(o => o.OpenId == openId).OrderBy(o => o.SubmittedAt).ToListAsync());

    [Test]
    public async Task EveryStepIsAskedInTurnAndConfirmingStoresTheOfferForReview()
    {
        var user = User("o_helper");

        Assert.That(await user.SayAsync("我能帮忙"), Does.Contain("您能帮什么忙"));
        Assert.That(await user.SayAsync("修自行车、修小家电"), Does.Contain("什么时候方便"));
        Assert.That(await user.SayAsync("周末上午"), Does.Contain("您住在哪个区").And.Contain("1 鼓楼区"));
        var summary = await user.SayAsync("1");
        Assert.That(summary, Does.Contain("1 能帮什么：修自行车、修小家电").And.Contain("2 方便时间：周末上午").And.Contain("3 所在区：鼓楼区")
            .And.Contain("确认"));

        var done = await user.SayAsync("确认");

        Assert.That(done, Does.Contain("谢谢您").And.Contain("工作人员审核"));
        var offer = (await OffersOfAsync("o_helper")).Single();
        Assert.Multiple(() =>
        {
            Assert.That(offer.Status, Is.EqualTo(OfferStatus.Submitted));
            Assert.That(offer.What, Is.EqualTo("修自行车、修小家电"));
            Assert.That(offer.When, Is.EqualTo("周末上午"));
            Assert.That(offer.DistrictCode, Is.EqualTo("gulou"));
            Assert.That(offer.VolunteerId, Is.Null);
            Assert.That(offer.DisplayName, Is.EqualTo(ServiceOffer.AnonymousDisplayName));
        });
        // The conversation is over: the next message gets the menu, not another question.
        Assert.That(await user.SayAsync("你好"), Does.Contain("心愿 — 留下一个小心愿"));
    }

    [TestCase("我要帮忙")]
    [TestCase("提供服务")]
    public async Task TheOtherKeywordsStartTheSameConversation(string keyword)
    {
        var user = User("o_kw_" + keyword.Length + keyword[0]);
        Assert.That(await user.SayAsync(keyword), Does.Contain("您能帮什么忙"));
    }

    [Test]
    public async Task AnOfferFromARegisteredVolunteerIsLinkedToThemWithTheirNameMasked()
    {
        await DbAsync(async db =>
        {
            var volunteer = Volunteer.Register("o_volunteer_helper", Clock.GetUtcNow());
            volunteer.UpdateProfile(new VolunteerProfile("张建国", Gender.Male, 1960, PoliticalStatus.Masses, "13700001111", ["维修"], null,
                "xuanwu", "玄武义工队"), Clock.GetUtcNow());
            db.Volunteers.Add(volunteer);
            return await db.SaveChangesAsync();
        });
        var user = User("o_volunteer_helper");
        await user.SayAsync("提供服务");
        await user.SayAsync("陪老人聊天");
        await user.SayAsync("每周三下午");
        await user.SayAsync("玄武");
        await user.SayAsync("好的");

        var offer = (await OffersOfAsync("o_volunteer_helper")).Single();
        Assert.That(offer.VolunteerId, Is.Not.Null);
        Assert.That(offer.DistrictCode, Is.EqualTo("xuanwu"));
        Assert.That(offer.DisplayName, Is.EqualTo("张**"));
    }

    [Test]
    public async Task AnswersTheOfferRefusesAreAskedAgainAndNothingIsStoredUntilConfirmed()
    {
        var user = User("o_short");
        await user.SayAsync("我能帮忙");
        Assert.That(await user.SayAsync("修"), Does.Contain("至少需要2个字"));
        Assert.That(await user.SayAsync("确认"), Does.Contain("还有几项没填完").And.Contain("您能帮什么忙"));
        await user.SayAsync("修自行车");
        Assert.That(await user.SayAsync(new string('早', 51)), Does.Contain("不能超过50个字"));
        await user.SayAsync("周末");
        Assert.That(await user.SayAsync("99"), Does.Contain("没有找到这个区").And.Contain("您住在哪个区"));
        Assert.That(await user.SayAsync("建邺区"), Does.Contain("3 所在区：建邺区"));
        Assert.That(await user.SayAsync("随便"), Does.Contain("请回复“确认”提交"));
        Assert.That(await user.SayAsync("修改2"), Does.Contain("什么时候方便"));
        Assert.That(await user.SayAsync("工作日晚上"), Does.Contain("2 方便时间：工作日晚上"));
        Assert.That(await OffersOfAsync("o_short"), Is.Empty);

        await user.SayAsync("确认");

        Assert.That((await OffersOfAsync("o_short")).Single().When, Is.EqualTo("工作日晚上"));
    }

    [Test]
    public async Task CancelDropsTheOfferAsItDropsAWish()
    {
        var user = User("o_cancel");
        await user.SayAsync("我能帮忙");
        await user.SayAsync("辅导小学数学");

        Assert.That(await user.SayAsync("取消"), Does.Contain("已删除"));

        Assert.That(await user.SayAsync("周末"), Does.Contain("心愿 — 留下一个小心愿"));
        Assert.That(await user.SayAsync("取消"), Does.Contain("没有正在填写"));
        Assert.That(await OffersOfAsync("o_cancel"), Is.Empty);
    }

    [Test]
    public async Task AWishDraftUnderWayWaitsWhileTheOfferIsMadeAndIsTakenUpAfterwards()
    {
        var user = User("o_both");
        await user.SayAsync("心愿");
        await user.SayAsync("4");

        await user.SayAsync("我能帮忙");
        await user.SayAsync("理发");
        await user.SayAsync("周日");
        await user.SayAsync("1");
        var done = await user.SayAsync("确认");

        Assert.That(done, Does.Contain("谢谢您").And.Contain("心愿还没填完"));
        Assert.That(await OffersOfAsync("o_both"), Has.Count.EqualTo(1));
        // Back in the wish: the district question comes next, the category already answered.
        Assert.That(await user.SayAsync("心愿"), Does.Contain("您住在哪个区"));
    }
}
