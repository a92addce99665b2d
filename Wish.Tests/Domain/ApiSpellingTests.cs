using System.Text.Json;
using WeChatWish.Domain;

namespace WeChatWish.Tests.Domain;

/// <summary>API.md's enum spellings are the member names under JsonNamingPolicy.SnakeCaseLower, and the category list matches.</summary>
public class ApiSpellingTests
{
    private static string[] Names<T>() where T : struct, Enum =>
        Enum.GetNames<T>().Select(JsonNamingPolicy.SnakeCaseLower.ConvertName).ToArray();

    [Test]
    public void EnumsGiveTheApiSpellings()
    {
        Assert.Multiple(() =>
        {
            Assert.That(Names<WishStatus>(), Is.EqualTo("draft submitted verified rejected published claimed fulfilled confirmed withdrawn".Split(' ')));
            Assert.That(Names<ClaimStatus>(), Is.EqualTo("active fulfilled released expired revoked".Split(' ')));
            Assert.That(Names<Urgency>(), Is.EqualTo("normal urgent critical".Split(' ')));
            Assert.That(Names<WishKind>(), Is.EqualTo("goods service".Split(' ')));
            Assert.That(Names<WishChannel>(), Is.EqualTo("wechat hotline visit import".Split(' ')));
            Assert.That(Names<PoliticalStatus>(), Is.EqualTo("party_member probationary_member league_member democratic_party masses".Split(' ')));
            Assert.That(Names<WishCategory>(), Is.EqualTo(Categories.All.Select(c => c.Code)));
            Assert.That(Names<Gender>(), Is.EqualTo("male female".Split(' ')));
            Assert.That(Names<FollowUpMethod>(), Is.EqualTo("phone visit".Split(' ')));
            Assert.That(Names<ServiceKind>(), Is.EqualTo("repair tutoring legal_aid health_care community_help education culture_sports environment other".Split(' ')));
            Assert.That(Names<ActivityStatus>(), Is.EqualTo("draft published finished cancelled".Split(' ')));
            Assert.That(Names<SignUpStatus>(), Is.EqualTo("confirmed waitlisted cancelled".Split(' ')));
            Assert.That(Names<LedgerKind>(), Is.EqualTo("earned awarded redeemed refunded adjusted reversed".Split(' ')));
            Assert.That(Names<RedemptionStatus>(), Is.EqualTo("reserved collected cancelled expired".Split(' ')));
        });
    }

    [Test]
    public void CategoryListHasTheCodesAndChineseNamesOfApiMd()
    {
        Assert.That(Categories.All.Select(c => c.Code), Is.EqualTo(
            "poor_household dibao poor_student elderly_alone party_member_hardship sanitation_worker disabled left_behind_child other".Split(' ')));
        Assert.That(Categories.Of(WishCategory.Dibao).Name, Is.EqualTo("低保户"));
        Assert.That(Categories.TryFromCode("party_member_hardship", out var category), Is.True);
        Assert.That(category, Is.EqualTo(WishCategory.PartyMemberHardship));
        Assert.That(Categories.TryFromCode("PartyMemberHardship", out _), Is.False);
    }

    [Test]
    public void FlagsBecomeTheApiCodes()
    {
        Assert.That((WishFlags.SecondIn12Months | WishFlags.OverSoftCostLimit).ToCodes(),
            Is.EqualTo(new[] { "second_in_12_months", "over_soft_cost_limit" }));
        Assert.That(WishFlags.None.ToCodes(), Is.Empty);
        Assert.That(WishFlagCodes.TryParse("second_in_12_months", out var flag), Is.True);
        Assert.That(flag, Is.EqualTo(WishFlags.SecondIn12Months));
    }
}
