using WeChatWish.Domain;
using WeChatWish.Tests.Volunteers;

namespace WeChatWish.Tests.Browse;

/// <summary>Walking nextCursor visits every published wish exactly once, in the order of one big page.</summary>
public sealed class KeysetPaginationTests : MiniProgramTestBase
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 20, 2, 0, 0, TimeSpan.Zero);

    private async Task<List<PublishedWish>> SeedAsync()
    {
        var wishes = new List<PublishedWish>();
        var districts = new[] { "gulou", "xuanwu", "qinhuai" };
        var categories = new[] { "elderly_alone", "poor_student" };
        for (var i = 0; i < 41; i++)
            // Only three publication times and three urgencies: many rows tie on both, so the id has to break ties.
            wishes.Add(await PublishedWishAsync(new WishSpec(districts[i % 3], categories[i % 2], Urgency: (Urgency)(i % 3),
                PublishedAt: T0.AddHours(i % 3))));
        return wishes;
    }

    [TestCase("xuanwu", "", TestName = "Pages of the own-district-first list cover every wish once")]
    [TestCase(null, "", TestName = "Pages of a volunteer without a district cover every wish once")]
    [TestCase("xuanwu", "category=poor_student", TestName = "Pages of a category filter cover every match once")]
    [TestCase("xuanwu", "districtCode=gulou", TestName = "Pages of a district filter cover every match once")]
    public async Task PagesCoverEveryWishExactlyOnceInOrder(string? district, string query)
    {
        var wishes = await SeedAsync();
        var volunteer = await VolunteerClientAsync(district, complete: district is not null);
        var expected = await PageThroughAsync(volunteer, query, 50);

        foreach (var limit in new[] { 1, 4, 7 })
        {
            var paged = await PageThroughAsync(volunteer, query, limit);
            Assert.That(paged, Is.EqualTo(expected), $"limit {limit}");
        }
        Assert.That(expected, Is.Unique);
        var expectedCount = wishes.Count(w => query switch
        {
            "category=poor_student" => wishes.IndexOf(w) % 2 == 1,
            "districtCode=gulou" => wishes.IndexOf(w) % 3 == 0,
            _ => true,
        });
        Assert.That(expected, Has.Count.EqualTo(expectedCount));
    }

    [Test]
    public async Task AWishPublishedWhilePagingNeitherDuplicatesNorHidesTheOthers()
    {
        var wishes = await SeedAsync();
        var volunteer = await VolunteerClientAsync("xuanwu");
        var seen = new List<Guid>();
        var first = await OkJsonAsync(await volunteer.GetAsync("/api/wishes?limit=10"));
        seen.AddRange(first.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));

        // A new most-urgent wish sorts before the cursor: the next pages must not shift by one and repeat a row.
        await PublishedWishAsync(new WishSpec("xuanwu", Urgency: Urgency.Critical, PublishedAt: T0.AddDays(1)));
        seen.AddRange(await PageThroughAsync(volunteer, "", 10, first.GetProperty("nextCursor").GetString()));

        Assert.That(seen, Is.Unique);
        Assert.That(seen, Is.EquivalentTo(wishes.Select(w => w.Id)));
    }

    private async Task<List<Guid>> PageThroughAsync(HttpClient volunteer, string query, int limit, string? cursor = null)
    {
        var ids = new List<Guid>();
        var pages = 0;
        do
        {
            var url = $"/api/wishes?limit={limit}" + (query.Length > 0 ? "&" + query : "") + (cursor is null ? "" : "&cursor=" + cursor);
            var page = await OkJsonAsync(await volunteer.GetAsync(url));
            var items = page.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToList();
            Assert.That(items, Has.Count.LessThanOrEqualTo(limit));
            ids.AddRange(items);
            cursor = page.GetProperty("nextCursor").GetString();
            Assert.That(cursor is null || items.Count == limit, Is.True, "only the last page may be short");
            Assert.That(++pages, Is.LessThan(200), "paging ends");
        } while (cursor is not null);
        return ids;
    }
}
