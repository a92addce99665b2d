using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using WeChatWish.Api.Data;
using WeChatWish.Api.Wishes;
using WeChatWish.Domain;
using WeChatWish.Tests.Infrastructure;
using WeChatWish.Tests.Volunteers;

namespace WeChatWish.Tests.Staff;

public sealed record PlantedPerson(Guid BeneficiaryId, string Round, Guid ConfirmedId);

/// <summary>
/// A beneficiary whose name, phone or address staff and volunteers wrote into every free-text field there is, over HTTP: a reject,
/// a verify note and override, a withdraw, a release, a revoke (which also goes to the volunteer as a notification), a fulfilment
/// note and photo, a follow-up; the wish's content carries the phone too, and the person follows the official account.
/// </summary>
public static class ErasurePlanting
{
    public const string DeliveryPhoto = "https://img.example/ouyang-delivered.jpg";
    public const int Minutes = 90;

    /// <param name="submission">The person's wish with the given content and cost, through the shared submission service.</param>
    public static async Task<PlantedPerson> PlantAsync(WishApiFactory api, HttpClient staff, Func<string, decimal, WishSubmission> submission)
    {
        var world = new StaffWorld(api.Services);
        var person = submission("", 0m); // read for the beneficiary's details only
        var (name, phone, address) = (person.Beneficiary.Name, person.Beneficiary.Phone, person.Beneficiary.Address);

        var radio = await world.SubmittedAsync(submission: submission("想要一个收音机", 80m));
        await StaffAsync(staff, $"/api/admin/wishes/{radio.Id}/reject", new { reason = $"{name}说家里已有收音机" });
        var heater = await world.SubmittedAsync(submission: submission($"想要一个电暖器，送到前请打{phone}", 260m));
        await StaffAsync(staff, $"/api/admin/wishes/{heater.Id}/verify",
            new { urgency = "urgent", note = $"{name}独居，电话{phone}", overrideReason = $"{name}行动不便，经理事会同意" });
        var blanket = await world.SubmittedAsync(submission: submission("想要一床棉被", 80m));
        await StaffAsync(staff, $"/api/admin/wishes/{blanket.Id}/withdraw", new { reason = $"{name}已搬去{address}" });
        await StaffAsync(staff, $"/api/admin/rounds/{heater.Round}/publish", null);

        var volunteers = await MiniProgramSeed.VolunteersAsync(api.Services, 3);
        var released = await VolunteerAsync(api, volunteers[0], $"/api/wishes/{heater.Id}/claim", null, HttpStatusCode.Created);
        await VolunteerAsync(api, volunteers[0], $"/api/claims/{Id(released)}/release", new { reason = $"{name}电话{phone}一直打不通" });
        var revoked = await VolunteerAsync(api, volunteers[1], $"/api/wishes/{heater.Id}/claim", null, HttpStatusCode.Created);
        await StaffAsync(staff, $"/api/admin/claims/{Id(revoked)}/revoke", new { reason = $"{name}要求换一位志愿者" });
        var fulfilled = await VolunteerAsync(api, volunteers[2], $"/api/wishes/{heater.Id}/claim", null, HttpStatusCode.Created);
        await VolunteerAsync(api, volunteers[2], $"/api/claims/{Id(fulfilled)}/fulfilment",
            new { note = $"已送到{name}家（{address}）", photoUrls = new[] { DeliveryPhoto }, minutes = Minutes });
        await StaffAsync(staff, $"/api/admin/wishes/{heater.Id}/follow-ups",
            new { method = "visit", satisfaction = 5, notes = $"回访{name}，电话{phone}，很满意" }, HttpStatusCode.Created);

        await using (var scope = api.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<WishDbContext>();
            db.Followers.Add(Follower.Subscribed(person.OpenId!, "xuanwu-poster", DateTimeOffset.UtcNow));
            await db.SaveChangesAsync();
        }
        return new PlantedPerson(heater.BeneficiaryId, heater.Round, heater.Id);
    }

    private static Guid Id(JsonElement claim) => claim.GetProperty("id").GetGuid();

    private static async Task StaffAsync(HttpClient staff, string path, object? body, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var response = await staff.PostAsJsonAsync(path, body);
        Assert.That(response.StatusCode, Is.EqualTo(expected), $"{path}: {await response.Content.ReadAsStringAsync()}");
    }

    private static async Task<JsonElement> VolunteerAsync(WishApiFactory api, Guid volunteer, string path, object? body,
        HttpStatusCode expected = HttpStatusCode.OK)
    {
        using var client = api.CreateVolunteerClient(volunteer);
        using var response = await client.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.That(response.StatusCode, Is.EqualTo(expected), $"{path}: {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
