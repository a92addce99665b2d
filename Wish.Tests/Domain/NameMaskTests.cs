using WeChatWish.Domain;

namespace WeChatWish.Tests.Domain;

public class NameMaskTests
{
    [TestCase("王", "*")]
    [TestCase("王芳", "王*")]
    [TestCase("王建国", "王**")]
    [TestCase("王建国华", "王***")]
    [TestCase("  王建国 ", "王**")]
    [TestCase("欧阳娜娜", "欧阳**")]
    [TestCase("欧阳修", "欧阳*")]
    [TestCase("欧阳", "欧*")]
    [TestCase("𠮷祥", "𠮷*")]
    [TestCase("Anna", "A***")]
    public void NameIsMaskedAfterTheSurname(string name, string masked) =>
        Assert.That(NameMask.Mask(name), Is.EqualTo(masked));

    [TestCase("")]
    [TestCase("   ")]
    [TestCase(null)]
    public void EmptyNameIsFullyMasked(string? name) =>
        Assert.That(NameMask.Mask(name), Is.EqualTo("*"));
}
