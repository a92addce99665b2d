using WeChatWish.Domain;

namespace WeChatWish.Tests.Domain;

public sealed class ContactDetailsTests
{
    private static readonly string[] Person = ["王小明", "13800001111", "南京市鼓楼区中山路1号", "320102194501011234"];

    [Test]
    public void ThePersonsOwnDetailsAndAnyPhoneOrIdNumberAreMasked()
    {
        var masked = ContactDetails.Mask("我叫王小明电话13800001111住鼓楼区中山路1号，想要一个电暖器", Person);

        Assert.That(masked, Is.EqualTo("我叫***电话***********住鼓楼区*****，想要一个电暖器"));
    }

    [TestCase("请联系139 1234 5678", "请联系*************")]
    [TestCase("电话139-1234-5678谢谢", "电话*************谢谢")]
    [TestCase("座机025-84561234", "座机025-********")]
    [TestCase("身份证32010219450101123X", "身份证******************")]
    [TestCase("QQ 12345678", "QQ ********")]
    public void NumbersThatReachAPersonAreMaskedWhoeverTheyBelongTo(string text, string expected) =>
        Assert.That(ContactDetails.Mask(text), Is.EqualTo(expected));

    [TestCase("想要一个书包，大概100元")]
    [TestCase("2026年12月想要一件棉衣")]
    [TestCase("孙子上3年级，想要一套课外书")]
    public void OrdinaryWishesAreLeftAlone(string text)
    {
        Assert.That(ContactDetails.AreIn(text, Person), Is.False);
        Assert.That(ContactDetails.Mask(text, Person), Is.EqualTo(text));
    }

    [Test]
    public void AOneCharacterNameIsNotLookedFor() =>
        Assert.That(ContactDetails.Mask("王奶奶想要一个电暖器", ["王"]), Is.EqualTo("王奶奶想要一个电暖器"));

    [Test]
    public void AWishWithContactDetailsIsFlaggedAndKeepsItsWordsForStaff()
    {
        var request = new NewWish(Guid.NewGuid(), WishChannel.Wechat, WishCategory.ElderlyAlone, WishKind.Goods, "gulou",
            "我叫王小明电话13800001111想要电暖器", 100m, PersonalDetails: Person);

        var wish = Wish.Submit(request, "W202612-0001", Given.Rules, [], Actor.System("test"), Given.Now);

        Assert.That(wish.Flags.HasFlag(WishFlags.ContactInContent), Is.True);
        Assert.That(wish.Flags.ToCodes(), Does.Contain("contact_in_content"));
        Assert.That(wish.Content, Is.EqualTo("我叫王小明电话13800001111想要电暖器"));
        Assert.That(wish.MaskedContent, Is.EqualTo("我叫***电话***********想要电暖器"));
    }

    [TestCase("1", false)]
    [TestCase("王", false)]
    [TestCase("王1", false)]
    [TestCase("--", false)]
    [TestCase("王秀英", true)]
    [TestCase("Anna Li", true)]
    public void ABeneficiarysNameMustBeOneAPersonCouldHave(string name, bool plausible) =>
        Assert.That(Beneficiary.IsPlausibleName(name), Is.EqualTo(plausible));
}
