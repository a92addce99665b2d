using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using StackExchange.Redis;
using WeChatWish.Api.Wishes;
using WeChatWish.Domain;
using WeChatWish.Tests.Infrastructure;

namespace WeChatWish.Tests.Staff;

/// <summary>Erasure removes a person's data from every row while the statistics and the wishes' history stay.</summary>
public sealed class ErasureTests : ApiTestBase
{
    private const string Name = "欧阳淑芬", Phone = "13912340001", Address = "玄武区珠江路88号402室", OpenId = "o-ouyang-shufen", Photo = "https://img.example/ouyang-home.jpg";
    private StaffWorld _world = null!;
    private HttpClient _admin = null!;

    [SetUp]
    public async Task SignInAsync()
    {
        _world = new StaffWorld(Api.Services);
        _admin = Api.CreateStaffClient(await _world.AdminAsync());
    }

    [TearDown]
    public void DisposeAdmin() => _admin.Dispose();

    private static WishSubmission Ouyang(string content = "想要一个电暖器", decimal cost = 150m) =>
        new(WishChannel.Wechat, new BeneficiaryDetails(Name, Phone, Address, "320102194501011234"), "elderly_alone", "goods", "xuanwu", content, cost,
            [new PhotoInput("media-1", Photo)], OpenId);

    [Test]
    public async Task NoPersonalDataIsLeftInAnyRowAndTheStatisticsDoNotMove()
    {
        var wish = await _world.FulfilledAsync(submission: Ouyang());
        (await _admin.PostAsJsonAsync($"/api/admin/wishes/{wish.Id}/follow-ups", new { method = "visit", satisfaction = 5, notes = "上门回访，很满意" }))
            .EnsureSuccessStatusCode();
        (await _admin.GetAsync($"/api/admin/wishes/{wish.Id}")).EnsureSuccessStatusCode();
        var year = wish.Round[..4];
        var statsBefore = await _admin.GetStringAsync($"/api/admin/stats?year={year}");
        Assert.That(await DatabaseTextAsync(), Does.Contain(Name).And.Contain(Phone).And.Contain(Photo), "the dump sees the data before erasure");
        // She had started another wish over WeChat: the half-finished draft in Redis holds her details too.
        await using var redis = await ConnectionMultiplexer.ConnectAsync((await TestRun.RedisAsync()).ConnectionString);
        RedisKey draft = "intake:{" + OpenId + "}:conv";
        await redis.GetDatabase().StringSetAsync(draft, $"{{\"draft\":{{\"name\":\"{Name}\",\"phone\":\"{Phone}\"}}}}");

        using var erased = await _admin.PostAsync($"/api/admin/beneficiaries/{wish.BeneficiaryId}/erase", null);

        Assert.That(erased.StatusCode, Is.EqualTo(HttpStatusCode.OK));
        var everything = await DatabaseTextAsync();
        foreach (var personal in new[] { Name, Phone, Address, "320102194501011234", OpenId, Photo, "media-1" })
            Assert.That(everything, Does.Not.Contain(personal), $"'{personal}' is still stored somewhere");
        Assert.That(await _admin.GetStringAsync($"/api/admin/stats?year={year}"), Is.EqualTo(statsBefore));
        Assert.That(await redis.GetDatabase().KeyExistsAsync(draft), Is.False, "the WeChat draft is dropped too");

        var detail = await _admin.GetFromJsonAsync<JsonElement>($"/api/admin/wishes/{wish.Id}");
        Assert.That(detail.GetProperty("wish").GetProperty("status").GetString(), Is.EqualTo("confirmed"));
        Assert.That(detail.GetProperty("wish").GetProperty("beneficiary").GetProperty("name").GetString(), Is.EqualTo("已删除"));
        Assert.That(detail.GetProperty("history").GetArrayLength(), Is.GreaterThanOrEqualTo(6), "the wish's history stays");
    }

    [Test]
    public async Task WhatStaffAndVolunteersWroteAboutThePersonGoesWhileEveryRowAndFigureStays()
    {
        var planted = await ErasurePlanting.PlantAsync(Api, _admin, (content, cost) => Ouyang(content, cost));
        var year = planted.Round[..4];
        var statsBefore = await _admin.GetStringAsync($"/api/admin/stats?year={year}");
        var rowsBefore = await RowCountsAsync();
        Assert.That(await DatabaseTextAsync(), Does.Contain(Name).And.Contain(Phone).And.Contain(Address).And.Contain(OpenId),
            "every note was planted with the person's name or phone");

        using var erased = await _admin.PostAsync($"/api/admin/beneficiaries/{planted.BeneficiaryId}/erase", null);

        Assert.That(erased.StatusCode, Is.EqualTo(HttpStatusCode.OK), await erased.Content.ReadAsStringAsync());
        var everything = await DatabaseTextAsync();
        foreach (var personal in new[] { Name, Phone, Address, OpenId, Photo, ErasurePlanting.DeliveryPhoto })
            Assert.That(everything, Does.Not.Contain(personal), $"'{personal}' is still stored somewhere");
        Assert.That(await _admin.GetStringAsync($"/api/admin/stats?year={year}"), Is.EqualTo(statsBefore));
        var rowsAfter = await RowCountsAsync();
        string[] changing = ["AuditEntries", "Followers"];
        Assert.That(rowsAfter.ExceptBy(changing, r => r.Key), Is.EquivalentTo(rowsBefore.ExceptBy(changing, r => r.Key)),
            "no row goes but the follower entry that only held the openid");
        Assert.That(rowsAfter["AuditEntries"], Is.EqualTo(rowsBefore["AuditEntries"] + 1), "the audit trail keeps every line and gains the erasure's");
        Assert.That(rowsAfter["Followers"], Is.Zero);

        var detail = await _admin.GetFromJsonAsync<JsonElement>($"/api/admin/wishes/{planted.ConfirmedId}");
        var confirmed = detail.GetProperty("wish");
        Assert.Multiple(() =>
        {
            Assert.That(confirmed.GetProperty("status").GetString(), Is.EqualTo("confirmed"));
            Assert.That(confirmed.GetProperty("content").GetString(), Is.EqualTo("想要一个电暖器，送到前请打（已删除）"), "the wish still reads");
            Assert.That(confirmed.GetProperty("reviewNote").GetString(), Is.EqualTo(ErasedText.Marker));
            Assert.That(confirmed.GetProperty("overrideReason").GetString(), Is.EqualTo(ErasedText.Marker));
            Assert.That(detail.GetProperty("history").EnumerateArray().Select(h => h.GetProperty("action").GetString()),
                Does.Contain("returned_to_published").And.Contain("confirmed"), "the steps stay, without their words");
            Assert.That(detail.GetProperty("followUps").EnumerateArray().Single().GetProperty("notes").GetString(), Is.EqualTo(ErasedText.Marker));
        });
        var overrideLine = await _world.WithDbAsync(db => db.AuditEntries.SingleAsync(a => a.Action == "wish.flag_overridden"));
        Assert.That(overrideLine.Details, Is.EqualTo("over_soft_cost_limit,contact_in_content: " + ErasedText.Marker), "which flags were overridden stays");
        var minutes = await _world.WithDbAsync(db => db.Fulfilments.Select(f => f.Minutes).SingleAsync());
        Assert.That(minutes, Is.EqualTo(ErasurePlanting.Minutes));
    }

    [Test]
    public async Task WishesInProgressAreWithdrawnAndAnActiveClaimIsRevoked()
    {
        var claimed = await _world.AdvanceAsync(await _world.SubmittedAsync(submission: Ouyang()), WishStatus.Claimed);

        var result = await (await _admin.PostAsync($"/api/admin/beneficiaries/{claimed.BeneficiaryId}/erase", null)).Content.ReadFromJsonAsync<JsonElement>();

        Assert.That(result.GetProperty("withdrawnWishes").EnumerateArray().Select(c => c.GetString()), Is.EqualTo(new[] { claimed.Code }));
        Assert.That(result.GetProperty("revokedClaims").GetInt32(), Is.EqualTo(1));
        var (status, claimStatus) = await _world.WithDbAsync(async db => (
            await db.Wishes.Where(w => w.Id == claimed.Id).Select(w => w.Status).SingleAsync(),
            await db.Claims.Where(c => c.Id == claimed.ClaimId).Select(c => c.Status).SingleAsync()));
        Assert.That(status, Is.EqualTo(WishStatus.Withdrawn));
        Assert.That(claimStatus, Is.EqualTo(ClaimStatus.Revoked));

        var again = await _world.SubmittedAsync(submission: Ouyang("想要一床棉被"));
        Assert.That(again.BeneficiaryId, Is.Not.EqualTo(claimed.BeneficiaryId), "a later wish from the same person starts a new record");
    }

    private static async Task<Dictionary<string, long>> RowCountsAsync()
    {
        await using var connection = new NpgsqlConnection(TestEnvironment.PostgresConnectionString);
        await connection.OpenAsync();
        var counts = new Dictionary<string, long>();
        foreach (var table in await TablesAsync(connection))
        {
            await using var count = new NpgsqlCommand($"SELECT count(*) FROM \"{table}\"", connection);
            counts[table] = (long)(await count.ExecuteScalarAsync())!;
        }
        return counts;
    }

    /// <summary>Every row of every table as JSON text: what a person with database access could read.</summary>
    private static async Task<string> DatabaseTextAsync()
    {
        await using var connection = new NpgsqlConnection(TestEnvironment.PostgresConnectionString);
        await connection.OpenAsync();
        var text = new System.Text.StringBuilder();
        foreach (var table in await TablesAsync(connection))
        {
            await using var dump = new NpgsqlCommand($"SELECT coalesce(string_agg(row_to_json(t)::text, E'\\n'), '') FROM \"{table}\" t", connection);
            text.AppendLine((string)(await dump.ExecuteScalarAsync())!);
        }
        return text.ToString();
    }

    private static async Task<List<string>> TablesAsync(NpgsqlConnection connection)
    {
        var tables = new List<string>();
        await using var list = new NpgsqlCommand("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'", connection);
        await using var reader = await list.ExecuteReaderAsync();
        while (await reader.ReadAsync()) tables.Add(reader.GetString(0));
        return tables;
    }
}
