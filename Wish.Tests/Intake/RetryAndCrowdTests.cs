using WeChatWish.Api.Intake;
using WeChatWish.Api.ReferenceData;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WeChatWish.Domain;
using WeChatWish.Tests.Callback;
using WeChatWish.Tests.Infrastructure;

namespace WeChatWish.Tests.Intake;

/// <summary>WeChat's retries and many people at once: one effect per message, nobody's answers in anybody else's wish.</summary>
[TestFixture(RedisTopology.Single)]
[TestFixture(RedisTopology.Cluster)]
public sealed class RetryAndCrowdTests(RedisTopology topology) : IntakeTestBase(topology)
{
    private static async Task AtSummaryAsync(WeChatUser user)
    {
        await user.SayAsync("心愿");
        foreach (var answer in new[] { "4", "1", "王秀英", "13812345678", "想要一个电暖器", "150" }) await user.SayAsync(answer);
    }

    [Test]
    public async Task TheSameConfirmationPostedFourTimesAtOnceSubmitsOnceAndAnswersAlike()
    {
        var user = User("o_retry");
        await AtSummaryAsync(user);
        var xml = WeChatPush.TextXml("o_retry", "确认");
        using var messages = new CounterTotal(Services, IntakeMetrics.MeterName, "wish.intake.messages");
        using var submissions = new CounterTotal(Services, IntakeMetrics.MeterName, "wish.intake.submissions");

        var replies = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => WeChatUser.PostOnceAsync(WeChat, xml, Clock)));

        Assert.That(replies.Distinct(), Is.EqualTo(new[] { replies[0] }));
        Assert.That(replies[0], Does.Contain("心愿已提交，编号 W202612-0001"));
        Assert.That(await WishesOfAsync("o_retry"), Has.Count.EqualTo(1));
        Assert.That(submissions.Value, Is.EqualTo(1), "the intake meter counts the one submission");
        Assert.That(messages.Where("outcome", "handled"), Is.EqualTo(1));
        Assert.That(messages.Where("outcome", "duplicate"), Is.EqualTo(3), "the three copies are counted as duplicates");
    }

    /// <summary>
    /// On a Redis Cluster a script's keys must share a hash slot. "intake:{}o}:conv" has an empty tag, so Redis would hash
    /// the whole key and a person's lock, state and counter would land in different slots. WeChat signs what it sends, but
    /// the key layout must not depend on what an openid happens to contain.
    /// </summary>
    [TestCase("}o_brace_first")]
    [TestCase("o_brace}_middle")]
    [TestCase("{o_brace_open")]
    [TestCase("o_%7D_escaped")]
    public async Task AnOpenIdWithBracesKeepsItsConversationAndRetriesWorking(string openId)
    {
        var user = User(openId);
        await AtSummaryAsync(user);
        var xml = WeChatPush.TextXml(openId, "确认");

        var replies = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => WeChatUser.PostOnceAsync(WeChat, xml, Clock)));

        Assert.That(replies.Distinct(), Is.EqualTo(new[] { replies[0] }));
        Assert.That(replies[0], Does.Contain("心愿已提交"));
        Assert.That(await WishesOfAsync(openId), Has.Count.EqualTo(1));
    }

    [Test]
    public async Task TheSameAnswerPostedFourTimesAtOnceMovesTheConversationOneStep()
    {
        var user = User("o_retry_step");
        await user.SayAsync("心愿");
        var xml = WeChatPush.TextXml("o_retry_step", "4");

        var replies = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => WeChatUser.PostOnceAsync(WeChat, xml, Clock)));

        Assert.That(replies.Distinct().Single(), Does.Contain("您住在哪个区"));
        Assert.That(await user.SayAsync("1"), Does.Contain("姓名"), "the next answer is taken for the next step, not the one after");
    }

    [Test]
    public async Task DifferentMessagesFromOnePersonAtOnceTakeTurnsAndNoneIsLost()
    {
        var user = User("o_burst");
        await AtSummaryAsync(user);

        await Task.WhenAll(Enumerable.Range(1, 5).Select(i => user.SendPhotoAsync($"burst-{i}")));

        Assert.That(await user.SayAsync("修改 6"), Does.Contain("多少钱"));
        Assert.That(await user.SayAsync("150"), Does.Contain("照片：5张"));
    }

    [Test]
    public async Task AHundredPeopleInConversationAtOnceEachGetTheirOwnWish()
    {
        var districts = await Services.GetRequiredService<DistrictDirectory>().AllAsync();
        // A running service has its connections open and its queries compiled; a cold host would do all that under the crowd.
        Assert.That(await LeaveWishAsync(User("o_warm_up")), Does.Contain("心愿已提交"));
        var people = Enumerable.Range(0, 100).Select(i => (I: i, User: User($"o_crowd_{i:000}"))).ToList();

        var crowd = System.Diagnostics.Stopwatch.StartNew();
        var replies = await Task.WhenAll(people.Select(async p =>
        {
            var i = p.I;
            await p.User.SayAsync(i % 2 == 0 ? "心愿" : $"心愿 想要第{i}号书包 {10 + i}元");
            await p.User.SayAsync($"{i % 9 + 1}");
            await p.User.SayAsync($"{i % districts.Count + 1}");
            await p.User.SayAsync($"测试{Numerals(i)}号");
            var summary = await p.User.SayAsync($"139{i:00000000}");
            if (i % 2 == 0)
            {
                await p.User.SayAsync($"想要第{i}号书包");
                summary = await p.User.SayAsync($"{10 + i}");
            }
            return (Summary: summary, Done: await p.User.SayAsync("确认"));
        }));
        PrintFigures(crowd.Elapsed, people.Select(p => p.User).ToList());

        foreach (var p in people)
        {
            Assert.That(replies[p.I].Summary, Does.Contain($"3 姓名：测试{Numerals(p.I)}号").And.Contain($"5 心愿：想要第{p.I}号书包\n"));
            Assert.That(replies[p.I].Done, Does.Contain("心愿已提交"));
        }
        var stored = await DbAsync(db => db.Wishes.Join(db.Beneficiaries, w => w.BeneficiaryId, b => b.Id, (w, b) => new { Wish = w, Person = b })
            .Where(s => s.Person.OpenId!.StartsWith("o_crowd_")).ToListAsync());
        Assert.That(stored, Has.Count.EqualTo(100));
        Assert.That(stored.Select(s => s.Wish.Code).Distinct().Count(), Is.EqualTo(100));
        foreach (var s in stored)
        {
            var i = int.Parse(s.Person.OpenId!["o_crowd_".Length..]);
            Assert.That((s.Person.Name, s.Person.Phone), Is.EqualTo(($"测试{Numerals(i)}号", $"139{i:00000000}")));
            Assert.That((s.Wish.Content, s.Wish.EstimatedCost), Is.EqualTo(($"想要第{i}号书包", 10m + i)));
            Assert.That((s.Wish.Category, s.Wish.DistrictCode), Is.EqualTo((Categories.All[i % 9].Value, districts[i % districts.Count].Code)));
            Assert.That((s.Wish.Status, s.Wish.Channel), Is.EqualTo((WishStatus.Submitted, WishChannel.Wechat)));
        }
        var ids = stored.Select(s => s.Wish.Id.ToString()).ToList();
        Assert.That(await DbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "wish.submitted" && ids.Contains(a.EntityId))), Is.EqualTo(100));
    }

    /// <summary>Figures, not assertions: how long replies took with 100 conversations on this machine (the callback answers within 4 s).</summary>
    private static void PrintFigures(TimeSpan elapsed, IReadOnlyList<WeChatUser> users)
    {
        static string Spread(List<double> ms) => $"p50 {ms[ms.Count / 2]:0} ms, p95 {ms[ms.Count * 95 / 100]:0} ms, max {ms[^1]:0} ms";
        var all = users.SelectMany(u => u.Latencies).Select(l => l.TotalMilliseconds).Order().ToList();
        var confirmations = users.Select(u => u.Latencies[^1].TotalMilliseconds).Order().ToList();
        TestContext.Out.WriteLine($"100 concurrent conversations: {all.Count} messages in {elapsed.TotalSeconds:0.0} s; " +
            $"every reply {Spread(all)}; 确认 (submission) {Spread(confirmations)}");
    }

    // Names have no digits (a name of “1” is refused), so the hundred people are 测试零零零号 to 测试零九九号.
    private static string Numerals(int i) => string.Concat(i.ToString("000").Select(d => "零一二三四五六七八九"[d - '0']));
}
