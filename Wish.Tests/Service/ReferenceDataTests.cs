using System.Net.Http.Json;
using WeChatWish.Tests.Infrastructure;

namespace WeChatWish.Tests.Service;

public sealed class ReferenceDataTests : ApiTestBase
{
    private sealed record CodeName(string Code, string Name);

    [Test]
    public async Task DistrictsAreSeededAndServedAnonymously()
    {
        var districts = await Client.GetFromJsonAsync<List<CodeName>>("/api/districts");

        Assert.That(districts, Has.Count.EqualTo(6));
        Assert.That(districts, Has.One.EqualTo(new CodeName("gulou", "鼓楼区")));
    }

    [Test]
    public async Task CategoriesUseTheContractCodesAndChineseNames()
    {
        var categories = await Client.GetFromJsonAsync<List<CodeName>>("/api/categories");

        Assert.That(categories!.Select(c => c.Code), Is.EqualTo(new[]
        {
            "poor_household", "dibao", "poor_student", "elderly_alone", "party_member_hardship",
            "sanitation_worker", "disabled", "left_behind_child", "other",
        }));
        Assert.That(categories![3].Name, Is.EqualTo("孤寡老人"));
    }
}
