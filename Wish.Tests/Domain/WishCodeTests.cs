using WeChatWish.Domain;

namespace WeChatWish.Tests.Domain;

public class WishCodeTests
{
    [TestCase(2026, 12, 42, "W202612-0042")]
    [TestCase(2027, 1, 1, "W202701-0001")]
    [TestCase(2026, 12, 9999, "W202612-9999")]
    [TestCase(2026, 12, 10000, "W202612-10000")]
    public void FormatIsWRoundDashFourDigitSequence(int year, int month, int sequence, string expected) =>
        Assert.That(WishCode.Format(new Round(year, month), sequence), Is.EqualTo(expected));

    [Test]
    public void FormatRefusesAZeroSequence() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => WishCode.Format(new Round(2026, 12), 0));

    [Test]
    public void ParseReadsRoundAndSequenceBack()
    {
        var (round, sequence) = WishCode.Parse("W202612-0042");
        Assert.That(round, Is.EqualTo(new Round(2026, 12)));
        Assert.That(sequence, Is.EqualTo(42));
    }

    [TestCase("W202612-10000", 10000)]
    [TestCase("W202612-0001", 1)]
    public void ParseAcceptsCanonicalCodes(string code, int sequence)
    {
        Assert.That(WishCode.TryParse(code, out _, out var parsed), Is.True);
        Assert.That(parsed, Is.EqualTo(sequence));
    }

    [TestCase(null)]
    [TestCase("")]
    [TestCase("W202612-042")]
    [TestCase("W202612-00042")]
    [TestCase("W202612-0000")]
    [TestCase("w202612-0042")]
    [TestCase("W202613-0042")]
    [TestCase("W2026120042")]
    [TestCase("W202612_0042")]
    [TestCase("W202612-00a2")]
    [TestCase("W202612-+042")]
    [TestCase("W202612-12345678")]
    public void ParseRefusesAnythingElse(string? code)
    {
        Assert.That(WishCode.TryParse(code, out _, out _), Is.False);
        if (code is not null) Assert.Throws<DomainValidationException>(() => WishCode.Parse(code));
    }

    [Test]
    public void LongestCodeFitsTheColumn() =>
        Assert.That(WishCode.Format(new Round(9999, 12), 9_999_999), Has.Length.EqualTo(WishCode.MaxLength));
}
