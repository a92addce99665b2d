using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WeChatWish.Api.Data;
using WeChatWish.Api.Wishes;
using WeChatWish.Domain;
using WeChatWish.Tests.Infrastructure;

namespace WeChatWish.Tests.Wishes;

public sealed class WishSubmissionTests : ApiTestBase
{
    // 2026-12-05 10:00 China time: inside December's collection window.
    private FakeTimeProvider _clock = null!;

    [SetUp]
    public void StartClock() => _clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 5, 10, 0, 0, TimeSpan.FromHours(8)));

    private static WishSubmission Hotline(string name = "王秀英", string phone = "13812345678", string content = "想要一个电暖器", decimal cost = 150) =>
        new(WishChannel.Hotline, new BeneficiaryDetails(name, phone, "鼓楼区某街道1号"), "elderly_alone", "goods", "gulou", content, cost);

    private async Task<SubmittedWish> SubmitAsync(WishSubmission submission)
    {
        await using var scope = Api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WishDbContext>();
        var service = new WishSubmissionService(db, new WishCodeAllocator(db), WishRules.Default, _clock);
        return await service.SubmitAsync(submission, _ => Actor.Staff(Guid.Empty));
    }

    [Test]
    public async Task SubmissionCreatesTheBeneficiaryAndACodedWishInTheCurrentRound()
    {
        var submitted = await SubmitAsync(Hotline());

        Assert.Multiple(() =>
        {
            Assert.That(submitted.Wish.Code, Is.EqualTo("W202612-0001"));
            Assert.That(submitted.Wish.Status, Is.EqualTo(WishStatus.Submitted));
            Assert.That(submitted.InNextRound, Is.False);
            Assert.That(submitted.Beneficiary.Name, Is.EqualTo("王秀英"));
        });
        await using var scope = Api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WishDbContext>();
        Assert.That(await db.AuditEntries.CountAsync(a => a.Action == "wish.submitted" && a.EntityId == submitted.Wish.Id.ToString()), Is.EqualTo(1));
    }

    [Test]
    public async Task SecondWishWhileOneWaitsForReviewIsRefused()
    {
        await SubmitAsync(Hotline());

        var error = Assert.ThrowsAsync<RuleViolationException>(() => SubmitAsync(Hotline(content: "还想要一床棉被")));

        Assert.That(error!.Code, Is.EqualTo(DomainErrorCodes.WishAlreadyWaitingForReview));
        Assert.That(error.Message, Does.Contain("W202612-0001"));
    }

    [Test]
    public async Task SecondWishWithinTwelveMonthsAcrossChannelsIsFlagged()
    {
        var first = await SubmitAsync(Hotline());
        await using (var scope = Api.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WishDbContext>();
            var wish = await db.Wishes.SingleAsync(w => w.Id == first.Wish.Id);
            wish.Verify(Urgency.Normal, null, null, null, Actor.Staff(Guid.Empty), _clock.GetUtcNow());
            await db.SaveChangesAsync();
        }
        _clock.Advance(TimeSpan.FromDays(60));

        var second = await SubmitAsync(Hotline(content: "想要一床棉被") with { Channel = WishChannel.Wechat, OpenId = "o_wang" });

        Assert.That(second.Beneficiary.Id, Is.EqualTo(first.Beneficiary.Id), "found by name and phone, then linked to the openid");
        Assert.That(second.Beneficiary.OpenId, Is.EqualTo("o_wang"));
        Assert.That(second.Wish.Flags.HasFlag(WishFlags.SecondIn12Months), Is.True);
    }

    [Test]
    public async Task WishAfterTheCollectionWindowJoinsNextMonthsRound()
    {
        _clock.SetUtcNow(new DateTimeOffset(2026, 12, 11, 0, 30, 0, TimeSpan.FromHours(8)));

        var submitted = await SubmitAsync(Hotline());

        Assert.That(submitted.Wish.Code, Is.EqualTo("W202701-0001"));
        Assert.That(submitted.InNextRound, Is.True);
    }

    [TestCase("13812345678", true)]
    [TestCase("12812345678", false)]
    [TestCase("1381234567", false)]
    [TestCase("025-12345678", false)]
    public async Task PhoneMustBeAMainlandMobile(string phone, bool valid)
    {
        var result = await Validator().ValidateAsync(Hotline(phone: phone));

        Assert.That(result.Errors.Any(e => e.PropertyName == "Beneficiary.Phone"), Is.EqualTo(!valid));
    }

    [TestCase("好", "Content")]
    [TestCase("", "Content")]
    [TestCase("想要一个书包", null)]
    public async Task ContentMustBeTwoToTwoHundredCharacters(string content, string? failing)
    {
        var result = await Validator().ValidateAsync(Hotline(content: content));
        Assert.That(result.Errors.Select(e => e.PropertyName), failing is null ? Is.Empty : Does.Contain(failing));

        var tooLong = await Validator().ValidateAsync(Hotline(content: new string('书', 201)));
        Assert.That(tooLong.Errors.Select(e => e.PropertyName), Does.Contain("Content"));
    }

    [Test]
    public async Task CostOverTheHardLimitUnknownDistrictAndCategoryAreRefused()
    {
        var result = await Validator().ValidateAsync(Hotline(cost: 500.01m) with { DistrictCode = "atlantis", Category = "vip" });

        Assert.That(result.Errors.Select(e => e.PropertyName), Is.SupersetOf(new[] { "EstimatedCost", "DistrictCode", "Category" }));
        Assert.That(result.Errors.First(e => e.PropertyName == "EstimatedCost").ErrorMessage, Does.Contain("500"));
    }

    private IValidator<WishSubmission> Validator() => Api.Services.GetRequiredService<IValidator<WishSubmission>>();
}
