using WeChatWish.Domain;

namespace WeChatWish.Tests.Domain;

public class RoundTests
{
    [Test]
    public void RoundIsWrittenAsYyyyMm()
    {
        Assert.That(new Round(2026, 3).ToString(), Is.EqualTo("202603"));
        Assert.That(new Round(2026, 3).Value, Is.EqualTo(202603));
    }

    [Test]
    public void NextAndPreviousCrossTheYear()
    {
        Assert.That(new Round(2026, 12).Next(), Is.EqualTo(new Round(2027, 1)));
        Assert.That(new Round(2027, 1).Previous(), Is.EqualTo(new Round(2026, 12)));
    }

    [Test]
    public void ParseAndFromValueRoundTrip()
    {
        Assert.That(Round.Parse("202612"), Is.EqualTo(new Round(2026, 12)));
        Assert.That(Round.FromValue(202612), Is.EqualTo(new Round(2026, 12)));
    }

    [TestCase("202613")]
    [TestCase("202600")]
    [TestCase("20261")]
    [TestCase("2026-12")]
    [TestCase("１２３４５６")]
    public void ParseRefusesInvalidRounds(string value)
    {
        Assert.That(Round.TryParse(value, out _), Is.False);
        var error = Assert.Throws<DomainValidationException>(() => Round.Parse(value));
        Assert.That(error!.Code, Is.EqualTo(DomainErrorCodes.RoundInvalid));
    }

    [Test]
    public void RoundsCompareInTimeOrder()
    {
        Assert.That(new Round(2026, 12) < new Round(2027, 1), Is.True);
        Assert.That(new[] { new Round(2027, 1), new Round(2026, 2), new Round(2026, 12) }.Order(),
            Is.EqualTo(new[] { new Round(2026, 2), new Round(2026, 12), new Round(2027, 1) }));
    }
}
