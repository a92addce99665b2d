using System.Net.Http.Json;
using System.Text.Json;

namespace WeChatWish.Tests.Volunteers;

/// <summary>
/// DESIGN.md §5: a beneficiary's full name, phone and address reach only the volunteer holding the active claim on their wish.
/// Every volunteer-facing and public route is called as the claimant, as other volunteers and anonymously, through a claim's
/// whole life, and every response is scanned; the contact must appear in exactly the claimant's active-claim answers, even when
/// the beneficiary wrote it into the wish's own words.
/// </summary>
public sealed class BeneficiaryPrivacyTests : MiniProgramTestBase
{
    private const string Name = "司马秀英";
    private const string Phone = "13912340000";
    private const string Address = "玄武区秘密巷7号";

    private readonly List<Scanned> _scanned = [];
    private readonly HashSet<string> _routesCalled = [];
    private readonly Dictionary<HttpClient, string> _names = [];

    private sealed record Scanned(string Who, string Call, int Status, bool Reveals, bool MayReveal);

    [Test]
    public async Task OnlyTheActiveClaimantEverSeesTheBeneficiarysContact()
    {
        // The beneficiary also wrote their contact into the wish itself, as people calling the hotline often do.
        var wish = await PublishedWishAsync(new WishSpec("gulou", Content: $"我叫{Name}电话{Phone}住{Address}，想要一个电暖器",
            BeneficiaryName: Name, BeneficiaryPhone: Phone, BeneficiaryAddress: Address));
        var claimant = await VolunteerCalledAsync("claimant", "gulou");
        var neighbour = await VolunteerCalledAsync("neighbour", "gulou");
        var elsewhere = await VolunteerCalledAsync("elsewhere", "xuanwu");
        var round = wish.Code[1..7];

        await EveryoneLooksAsync(wish.Id, round, "before any claim", claimant, neighbour, elsewhere);

        var claim = await CallAsync("claimant", "POST /api/wishes/{id}/claim", claimant.PostAsync($"/api/wishes/{wish.Id}/claim", null), mayReveal: true);
        var claimId = claim.GetProperty("id").GetGuid();
        await CallAsync("neighbour", "POST /api/wishes/{id}/claim", neighbour.PostAsync($"/api/wishes/{wish.Id}/claim", null));
        await CallAsync("claimant", "GET /api/me/claims", claimant.GetAsync("/api/me/claims"), mayReveal: true);
        await CallAsync("claimant", "GET /api/claims/{id}", claimant.GetAsync($"/api/claims/{claimId}"), mayReveal: true);
        await CallAsync("claimant", "POST /api/wishes/{id}/claim (again)", claimant.PostAsync($"/api/wishes/{wish.Id}/claim", null), mayReveal: true);
        await CallAsync("neighbour", "GET /api/claims/{id}", neighbour.GetAsync($"/api/claims/{claimId}"));
        await CallAsync("neighbour", "POST /api/claims/{id}/release", neighbour.PostAsJsonAsync($"/api/claims/{claimId}/release", new { reason = "x" }));
        await CallAsync("neighbour", "POST /api/claims/{id}/fulfilment", neighbour.PostAsJsonAsync($"/api/claims/{claimId}/fulfilment", new { note = "x", minutes = 5 }));
        await EveryoneLooksAsync(wish.Id, round, "while claimed", neighbour, elsewhere);
        await BrowseAsync(claimant, wish.Id, "while claimed", includeOwnClaims: false);

        await CallAsync("claimant", "POST /api/claims/{id}/release", claimant.PostAsJsonAsync($"/api/claims/{claimId}/release", new { reason = "临时出差" }));
        await EveryoneLooksAsync(wish.Id, round, "after release", claimant, neighbour, elsewhere);
        await CallAsync("claimant", "GET /api/claims/{id}", claimant.GetAsync($"/api/claims/{claimId}"));

        var second = await CallAsync("neighbour", "POST /api/wishes/{id}/claim", neighbour.PostAsync($"/api/wishes/{wish.Id}/claim", null), mayReveal: true);
        var secondId = second.GetProperty("id").GetGuid();
        await CallAsync("claimant", "POST /api/wishes/{id}/claim", claimant.PostAsync($"/api/wishes/{wish.Id}/claim", null));
        await CallAsync("neighbour", "POST /api/claims/{id}/fulfilment",
            neighbour.PostAsJsonAsync($"/api/claims/{secondId}/fulfilment", new { note = "电暖器已送到", minutes = 60 }));
        await EveryoneLooksAsync(wish.Id, round, "after fulfilment", claimant, neighbour, elsewhere);
        await CallAsync("neighbour", "GET /api/claims/{id}", neighbour.GetAsync($"/api/claims/{secondId}"));

        var leaks = _scanned.Where(s => s.Reveals && !s.MayReveal).ToList();
        Assert.That(leaks, Is.Empty, "contact details leaked:\n" + string.Join("\n", leaks));
        var allowed = _scanned.Where(s => s.MayReveal).ToList();
        Assert.That(allowed, Has.Count.EqualTo(5));
        Assert.That(allowed.All(s => s.Reveals), Is.True, "the scan does see the contact where it belongs:\n" + string.Join("\n", allowed));
        Assert.That(_scanned, Has.Count.GreaterThan(60));
        Assert.That(VolunteerFacingRoutes().Except(_routesCalled), Is.Empty, "a volunteer-facing route this test does not scan");
    }

    private async Task<HttpClient> VolunteerCalledAsync(string name, string district)
    {
        var volunteer = await VolunteerClientAsync(district);
        _names[volunteer] = name;
        return volunteer;
    }

    private async Task EveryoneLooksAsync(Guid wishId, string round, string stage, params HttpClient[] volunteers)
    {
        foreach (var volunteer in volunteers) await BrowseAsync(volunteer, wishId, stage, includeOwnClaims: true);
        await CallAsync($"anonymous {stage}", "GET /api/public/wishes/claimed", Client.GetAsync($"/api/public/wishes/claimed?round={round}"));
        await CallAsync($"anonymous {stage}", "GET /api/public/stats", Client.GetAsync("/api/public/stats"));
        await CallAsync($"anonymous {stage}", "GET /api/public/offers", Client.GetAsync("/api/public/offers"));
        await CallAsync($"anonymous {stage}", "GET /api/districts", Client.GetAsync("/api/districts"));
        await CallAsync($"anonymous {stage}", "GET /api/categories", Client.GetAsync("/api/categories"));
    }

    /// <summary>Everything a volunteer reads besides an active claim of their own: lists, searches, detail, profile, record.</summary>
    private async Task BrowseAsync(HttpClient volunteer, Guid wishId, string stage, bool includeOwnClaims)
    {
        var who = $"{_names[volunteer]} {stage}";
        await CallAsync(who, "GET /api/wishes", volunteer.GetAsync("/api/wishes"));
        await CallAsync(who, "GET /api/wishes", volunteer.GetAsync("/api/wishes?districtCode=gulou&category=elderly_alone"));
        await CallAsync(who, "GET /api/wishes", volunteer.GetAsync("/api/wishes?q=" + Uri.EscapeDataString(Name)));
        await CallAsync(who, "GET /api/wishes", volunteer.GetAsync("/api/wishes?q=" + Phone));
        await CallAsync(who, "GET /api/wishes/{id}", volunteer.GetAsync($"/api/wishes/{wishId}"));
        var me = await CallAsync(who, "GET /api/me", volunteer.GetAsync("/api/me"));
        await CallAsync(who, "PUT /api/me", volunteer.PutAsJsonAsync("/api/me", new
        {
            name = me.GetProperty("name").GetString(), gender = "female", birthYear = 1990, politicalStatus = "masses",
            phone = me.GetProperty("phone").GetString(), specialties = Array.Empty<string>(), districtCode = me.GetProperty("districtCode").GetString(),
        }));
        await CallAsync(who, "GET /api/me/service-record", volunteer.GetAsync("/api/me/service-record"));
        if (includeOwnClaims) await CallAsync(who, "GET /api/me/claims", volunteer.GetAsync("/api/me/claims"));
        // Activities and the love bank hold no beneficiary data; scanned all the same, so a route added there cannot start leaking unseen.
        await CallAsync(who, "GET /api/me/passbook", volunteer.GetAsync("/api/me/passbook"));
        await CallAsync(who, "GET /api/activities", volunteer.GetAsync("/api/activities"));
        await CallAsync(who, "GET /api/activities/{id}", volunteer.GetAsync($"/api/activities/{Guid.NewGuid()}"));
        await CallAsync(who, "POST /api/activities/shifts/{id}/signup", volunteer.PostAsync($"/api/activities/shifts/{Guid.NewGuid()}/signup", null));
        await CallAsync(who, "DELETE /api/activities/shifts/{id}/signup", volunteer.DeleteAsync($"/api/activities/shifts/{Guid.NewGuid()}/signup"));
        await CallAsync(who, "POST /api/activities/checkins", volunteer.PostAsJsonAsync("/api/activities/checkins", new { token = "not-a-code" }));
        await CallAsync(who, "GET /api/me/signups", volunteer.GetAsync("/api/me/signups"));
        await CallAsync(who, "GET /api/rewards", volunteer.GetAsync("/api/rewards"));
        await CallAsync(who, "POST /api/rewards/{id}/redeem", volunteer.PostAsync($"/api/rewards/{Guid.NewGuid()}/redeem", null));
        await CallAsync(who, "GET /api/me/redemptions", volunteer.GetAsync("/api/me/redemptions"));
        await CallAsync(who, "GET /api/me/certificates", volunteer.GetAsync("/api/me/certificates"));
        await CallAsync(who, "GET /api/me/commendations", volunteer.GetAsync("/api/me/commendations"));
        // Organisations list volunteers, not beneficiaries: scanned so that a leader's member list can never carry one.
        var node = Guid.NewGuid();
        await CallAsync(who, "GET /api/organisations", volunteer.GetAsync("/api/organisations"));
        await CallAsync(who, "POST /api/organisations/{id}/join", volunteer.PostAsync($"/api/organisations/{node}/join", null));
        await CallAsync(who, "GET /api/me/organisations", volunteer.GetAsync("/api/me/organisations"));
        await CallAsync(who, "POST /api/organisations/{id}/members/{volunteerId:guid}/approve",
            volunteer.PostAsync($"/api/organisations/{node}/members/{Guid.NewGuid()}/approve", null));
        await CallAsync(who, "POST /api/organisations/{id}/members/{volunteerId:guid}/reject",
            volunteer.PostAsync($"/api/organisations/{node}/members/{Guid.NewGuid()}/reject", null));
        await CallAsync(who, "GET /api/organisations/{id}/members", volunteer.GetAsync($"/api/organisations/{node}/members"));
        await CallAsync(who, "GET /api/organisations/{id}/stats", volunteer.GetAsync($"/api/organisations/{node}/stats"));
        await CallAsync(who, "GET /api/organisations/{id}/claims", volunteer.GetAsync($"/api/organisations/{node}/claims"));
        // A team's projects name the need and the place, never the people on the roster.
        await CallAsync(who, "GET /api/organisations/{id}/projects", volunteer.GetAsync($"/api/organisations/{node}/projects"));
        await CallAsync(who, "POST /api/organisations/{id}/projects", volunteer.PostAsJsonAsync($"/api/organisations/{node}/projects",
            new { name = "助老理发", need = "老人理发难", frequency = "monthly", place = "幸福社区", content = "集中理发" }));
        await CallAsync(who, "GET /api/organisations/{id}/projects/{projectId:guid}",
            volunteer.GetAsync($"/api/organisations/{node}/projects/{Guid.NewGuid()}"));
        await CallAsync(who, "GET /api/organisations/{id}/projects/{projectId:guid}/roster",
            volunteer.GetAsync($"/api/organisations/{node}/projects/{Guid.NewGuid()}/roster"));
        await CallAsync(who, "POST /api/claims/{id}/members", volunteer.PostAsJsonAsync($"/api/claims/{Guid.NewGuid()}/members",
            new { volunteerIds = new[] { Guid.NewGuid() } }));
        await CallAsync(who, "DELETE /api/claims/{id}/members/{volunteerId:guid}", volunteer.DeleteAsync($"/api/claims/{Guid.NewGuid()}/members/{Guid.NewGuid()}"));
        // Offers of service carry no beneficiary data either; scanned for the same reason.
        await CallAsync(who, "GET /api/offers", volunteer.GetAsync("/api/offers"));
        await CallAsync(who, "GET /api/offers", volunteer.GetAsync("/api/offers?districtCode=gulou"));
        // Pairings show a beneficiary's contact only to the holder of an active pairing; these volunteers hold none of this one.
        await CallAsync(who, "GET /api/me/pairings", volunteer.GetAsync("/api/me/pairings"));
        await CallAsync(who, "GET /api/me/pairings/{id}", volunteer.GetAsync($"/api/me/pairings/{Guid.NewGuid()}"));
        await CallAsync(who, "POST /api/me/pairings/{id}/visits", volunteer.PostAsJsonAsync($"/api/me/pairings/{Guid.NewGuid()}/visits",
            new { minutes = 30, content = "x" }));
        await CallAsync(who, "GET /api/organisations/{id}/pairings", volunteer.GetAsync($"/api/organisations/{node}/pairings"));
        await CallAsync(who, "POST /api/offers/{id}/requests", volunteer.PostAsJsonAsync($"/api/offers/{Guid.NewGuid()}/requests", new { note = "x" }));
    }

    private async Task<JsonElement> CallAsync(string who, string call, Task<HttpResponseMessage> send, bool mayReveal = false)
    {
        using var response = await send;
        var body = await response.Content.ReadAsStringAsync();
        var text = Decoded(body);
        var reveals = text.Contains(Name, StringComparison.Ordinal) || text.Contains(Phone, StringComparison.Ordinal)
            || text.Contains(Address, StringComparison.Ordinal);
        _scanned.Add(new Scanned(who, call, (int)response.StatusCode, reveals, mayReveal));
        _routesCalled.Add(call.Split(" (")[0]);
        Assert.That((int)response.StatusCode, Is.LessThan(500), $"{who} {call}: {body}");
        return body.Length > 0 && body.TrimStart().StartsWith('{') ? JsonDocument.Parse(body).RootElement.Clone() : default;
    }

    /// <summary>Every string in the JSON, unescaped: the serializer writes Chinese as \uXXXX, which a raw search would miss.</summary>
    private static string Decoded(string body)
    {
        try
        {
            var parts = new List<string>();
            Collect(JsonDocument.Parse(body).RootElement, parts);
            return string.Join("\n", parts);
        }
        catch (JsonException)
        {
            return body;
        }
    }

    private static void Collect(JsonElement element, List<string> parts)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    parts.Add(property.Name);
                    Collect(property.Value, parts);
                }
                break;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray()) Collect(item, parts);
                break;
            case JsonValueKind.String:
                parts.Add(element.GetString()!);
                break;
            default:
                parts.Add(element.GetRawText());
                break;
        }
    }

    /// <summary>"VERB /route" for every endpoint a volunteer token opens, and every public one.</summary>
    private IEnumerable<string> VolunteerFacingRoutes() =>
        Routes(e => IsVolunteerRoute(e) || e.RoutePattern.RawText!.StartsWith("/api/public", StringComparison.Ordinal));
}
