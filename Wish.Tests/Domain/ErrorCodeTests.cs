using System.Reflection;
using WeChatWish.Domain;

namespace WeChatWish.Tests.Domain;

/// <summary>The codes clients switch on live in DomainErrorCodes, each declared once and spelled <c>area.snake_case</c>.</summary>
public class ErrorCodeTests
{
    [Test]
    public void EveryErrorCodeIsDeclaredOnceAndSpelledAreaDotSnakeCase()
    {
        var codes = typeof(DomainErrorCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral).Select(f => (string)f.GetRawConstantValue()!).ToList();

        Assert.That(codes, Has.Count.GreaterThan(40));
        Assert.That(codes, Is.Unique);
        Assert.That(codes, Has.All.Match("^[a-z]+(_[a-z]+)*\\.[a-z]+(_[a-z]+)*$"));
    }
}
