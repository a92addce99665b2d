using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WeChatWish.Api.Data;
using WeChatWish.Api.Infrastructure;
using WeChatWish.Domain;
using WeChatWish.Tests.Infrastructure;
using WeChatWish.Tests.Staff;

namespace WeChatWish.Tests.Service;

/// <summary>
/// U+0000 cannot be stored in PostgreSQL text (the insert fails after validation passed) and no other control character belongs in
/// what people type: every route group with validation refuses them field by field, in bodies, [AsParameters] queries and plain strings.
/// </summary>
public sealed class ControlCharacterTests : ApiTestBase
{
    public sealed record Line(string? Content);

    public sealed record Probe(string? Name, List<Line>? Lines, Dictionary<string, string>? Data);

    [Test]
    public async Task AFieldWithAControlCharacterIsNamedAndTheHandlerDoesNotRun()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        await using var app = builder.Build();
        var handled = 0;
        var group = app.MapGroup("/probe").WithValidation();
        group.MapPost("/", (Probe probe) => { handled++; return TypedResults.NoContent(); });
        group.MapGet("/", (string? q) => { handled++; return TypedResults.NoContent(); });
        await app.StartAsync();
        using var client = app.GetTestClient();

        var nested = await client.PostAsJsonAsync("/probe", new Probe("王秀英", [new("好"), new("a\u0000b")], new() { ["k"] = "x\u0007" }));
        var query = await client.GetAsync("/probe?q=%00");
        var fine = await client.PostAsJsonAsync("/probe", new Probe("王秀英", [new("第一行\r\n第二行\t缩进")], new() { ["k"] = "v" }));
        var fineQuery = await client.GetAsync("/probe?q=%E7%8E%8B");

        var errors = (await nested.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        var queryErrors = (await query.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Multiple(() =>
        {
            Assert.That((nested.StatusCode, query.StatusCode), Is.EqualTo((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest)));
            Assert.That(errors.EnumerateObject().Select(p => p.Name), Is.EquivalentTo(new[] { "lines[1].content", "data.k" }));
            Assert.That(errors.GetProperty("data.k")[0].GetString(), Is.EqualTo(ControlCharacters.Message));
            Assert.That(queryErrors.TryGetProperty("q", out _), Is.True, queryErrors.ToString());
            Assert.That((fine.StatusCode, fineQuery.StatusCode), Is.EqualTo((HttpStatusCode.NoContent, HttpStatusCode.NoContent)));
            Assert.That(handled, Is.EqualTo(2));
        });
    }

    [Test]
    public async Task AWishWithANulCharacterIsRefusedAndNothingIsStored()
    {
        using var admin = Api.CreateStaffClient(await new StaffWorld(Api.Services).AdminAsync());
        var phone = StaffWorld.NextPhone();

        using var response = await admin.PostAsJsonAsync("/api/admin/wishes", new
        {
            channel = "visit", beneficiary = new { name = "孙大妈", phone }, category = "elderly_alone", kind = "service",
            districtCode = "gulou", content = "希望有人帮忙\u0000打扫卫生", estimatedCost = 50,
        });

        Assert.That(response.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest), await response.Content.ReadAsStringAsync());
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.That(errors.TryGetProperty("content", out _), Is.True, errors.ToString());
        await using var scope = Api.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WishDbContext>();
        Assert.That(await db.Beneficiaries.AnyAsync(b => b.Phone == phone), Is.False);
    }

    [Test]
    public async Task ASearchForANulCharacterIsA400NotA500()
    {
        using var admin = Api.CreateStaffClient(await new StaffWorld(Api.Services).AdminAsync());

        using var volunteers = await admin.GetAsync("/api/admin/volunteers?q=%00");
        using var wishes = await admin.GetAsync("/api/admin/wishes?q=%E7%8E%8B%00");

        Assert.That((volunteers.StatusCode, wishes.StatusCode), Is.EqualTo((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest)),
            await volunteers.Content.ReadAsStringAsync() + await wishes.Content.ReadAsStringAsync());
        Assert.That((await volunteers.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("q", out _), Is.True);
    }
}
