using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WeChatWish.Api.Staff.Rounds;
using WeChatWish.Domain;
using WeChatWish.Tests.Infrastructure;
using WeChatWish.Api.Notifications;

namespace WeChatWish.Tests.Staff;

public enum Caller
{
    Anonymous,
    Volunteer,
    Reviewer,
    OtherDistrictCoordinator,
    OwnDistrictCoordinator,
    Admin,
}

/// <summary>
/// One row per /api/admin endpoint: the exact status each caller gets. Every resource lives in gulou; the "other" coordinator
/// runs qixia. Each caller acts on resources made fresh for them, so an allowed caller gets a success, not a leftover 409.
/// </summary>
public sealed class AuthorizationMatrixTests : ApiTestBase
{
    private const int Anon = 401, No = 403;

    public sealed record Row(string Method, string Route, Func<StaffWorld, Task<HttpRequestMessage>> Request, int[] Expected)
    {
        public override string ToString() => $"{Method} {Route}";
    }

    private static HttpRequestMessage Json(string method, string path, object? body = null) =>
        new(new HttpMethod(method), path) { Content = body is null ? null : JsonContent.Create(body) };

    private static readonly string ImportCsv = "姓名,电话,类别,类型,所在区,心愿内容,预估费用\n张三,{0},elderly_alone,goods,gulou,想要一台收音机,80\n";

    // Expected statuses in Caller order: anonymous, volunteer, reviewer, other coordinator, own coordinator, admin.
    public static IEnumerable<Row> Rows() =>
    [
        new("POST", "/api/admin/auth/login", async _ => Json("POST", "/api/admin/auth/login", new { username = "admin", password = TestWeChat.AdminPassword }),
            [200, 200, 200, 200, 200, 200]),
        new("GET", "/api/admin/staff", async _ => Json("GET", "/api/admin/staff"), [Anon, No, No, No, No, 200]),
        new("POST", "/api/admin/staff", async _ => Json("POST", "/api/admin/staff",
            new { userName = "new" + Guid.NewGuid().ToString("N")[..8], password = "Strong-Password-9", role = "reviewer" }), [Anon, No, No, No, No, 201]),
        new("POST", "/api/admin/staff/{id}/deactivate", async w => Json("POST", $"/api/admin/staff/{(await NewStaff(w)).Id}/deactivate"), [Anon, No, No, No, No, 200]),
        new("POST", "/api/admin/staff/{id}/activate", async w => Json("POST", $"/api/admin/staff/{(await NewStaff(w)).Id}/activate"), [Anon, No, No, No, No, 200]),
        new("POST", "/api/admin/staff/{id}/reset-password", async w => Json("POST", $"/api/admin/staff/{(await NewStaff(w)).Id}/reset-password",
            new { password = "Another-Password-2" }), [Anon, No, No, No, No, 200]),
        new("GET", "/api/admin/wishes", async _ => Json("GET", "/api/admin/wishes"), [Anon, No, 200, 200, 200, 200]),
        new("GET", "/api/admin/wishes/{id}", async w => Json("GET", $"/api/admin/wishes/{(await w.SubmittedAsync()).Id}"), [Anon, No, 200, No, 200, 200]),
        new("GET", "/api/admin/wishes/counts", async w => { await w.SubmittedAsync(); return Json("GET", "/api/admin/wishes/counts"); },
            [Anon, No, 200, 200, 200, 200]),
        new("POST", "/api/admin/wishes/{id}/beneficiary/reveal", async w => Json("POST", $"/api/admin/wishes/{(await w.SubmittedAsync()).Id}/beneficiary/reveal"),
            [Anon, No, 200, No, 200, 200]),
        // Bulk answers 200 with each wish done or failed: another district's wish is a failed item, not a refused request.
        new("POST", "/api/admin/wishes/bulk/verify", async w => Json("POST", "/api/admin/wishes/bulk/verify",
            new { ids = new[] { (await w.SubmittedAsync()).Id }, urgency = "normal" }), [Anon, No, 200, 200, 200, 200]),
        new("POST", "/api/admin/wishes/bulk/reject", async w => Json("POST", "/api/admin/wishes/bulk/reject",
            new { ids = new[] { (await w.SubmittedAsync()).Id }, reason = "不属于资助范围" }), [Anon, No, 200, 200, 200, 200]),
        new("POST", "/api/admin/wishes", async _ => Json("POST", "/api/admin/wishes", new
        {
            channel = "hotline", beneficiary = new { name = "赵大爷", phone = StaffWorld.NextPhone() }, category = "elderly_alone", kind = "goods",
            districtCode = "gulou", content = "想要一个助行器", estimatedCost = 150,
        }), [Anon, No, 201, No, 201, 201]),
        // A coordinator may import only rows of their own district: the other district's rows come back as row errors.
        new("POST", "/api/admin/wishes/import", async _ => new HttpRequestMessage(HttpMethod.Post, "/api/admin/wishes/import")
        {
            Content = new StringContent(string.Format(ImportCsv, StaffWorld.NextPhone()), Encoding.UTF8, "text/csv"),
        }, [Anon, No, 200, 400, 200, 200]),
        new("POST", "/api/admin/wishes/import?dryRun", async _ => new HttpRequestMessage(HttpMethod.Post, "/api/admin/wishes/import?dryRun=true")
        {
            Content = new StringContent(string.Format(ImportCsv, StaffWorld.NextPhone()), Encoding.UTF8, "text/csv"),
        }, [Anon, No, 200, 400, 200, 200]),
        new("GET", "/api/admin/wishes/import/template.csv", async _ => Json("GET", "/api/admin/wishes/import/template.csv"), [Anon, No, 200, 200, 200, 200]),
        new("GET", "/api/admin/wishes/import/template.xlsx", async _ => Json("GET", "/api/admin/wishes/import/template.xlsx"), [Anon, No, 200, 200, 200, 200]),
        new("GET", "/api/admin/wishes/imports", async _ => Json("GET", "/api/admin/wishes/imports"), [Anon, No, 200, 200, 200, 200]),
        // A background import is accepted from every staff role; a coordinator's rows of another district fail later, as row errors.
        new("POST", "/api/admin/imports/jobs", async _ => new HttpRequestMessage(HttpMethod.Post, "/api/admin/imports/jobs")
        {
            Content = new StringContent(string.Format(ImportCsv, StaffWorld.NextPhone()), Encoding.UTF8, "text/csv"),
        }, [Anon, No, 202, 202, 202, 202]),
        new("GET", "/api/admin/imports/jobs", async w => { await NewImportJob(w); return Json("GET", "/api/admin/imports/jobs"); },
            [Anon, No, 200, 200, 200, 200]),
        new("GET", "/api/admin/imports/jobs/{id}", async w => Json("GET", $"/api/admin/imports/jobs/{await NewImportJob(w)}"), [Anon, No, 200, No, 200, 200]),
        new("POST", "/api/admin/imports/jobs/{id}/cancel", async w => Json("POST", $"/api/admin/imports/jobs/{await NewImportJob(w)}/cancel"),
            [Anon, No, 200, No, 200, 200]),
        new("POST", "/api/admin/wishes/{id}/verify", async w => Json("POST", $"/api/admin/wishes/{(await w.SubmittedAsync()).Id}/verify",
            new { urgency = "urgent" }), [Anon, No, 200, No, 200, 200]),
        new("POST", "/api/admin/wishes/{id}/reject", async w => Json("POST", $"/api/admin/wishes/{(await w.SubmittedAsync()).Id}/reject",
            new { reason = "不属于资助范围" }), [Anon, No, 200, No, 200, 200]),
        new("POST", "/api/admin/wishes/{id}/withdraw", async w => Json("POST", $"/api/admin/wishes/{(await w.SubmittedAsync()).Id}/withdraw",
            new { reason = "受助人来电撤回" }), [Anon, No, 200, No, 200, 200]),
        new("GET", "/api/admin/rounds/{round}", async w => Json("GET", $"/api/admin/rounds/{(await w.VerifiedAsync()).Round}"), [Anon, No, 200, 200, 200, 200]),
        new("POST", "/api/admin/rounds/{round}/publish", async w => Json("POST", $"/api/admin/rounds/{(await w.VerifiedAsync()).Round}/publish"),
            [Anon, No, 200, 200, 200, 200]),
        new("POST", "/api/admin/rounds/{round}/publications/{id}/cancel", async w =>
        {
            var wish = await w.VerifiedAsync();
            var schedule = await w.WithDbAsync(async db =>
            {
                var s = ScheduledPublication.Create(Round.Parse(wish.Round), "gulou", DateTimeOffset.UtcNow.AddDays(1), Actor.System("test"), DateTimeOffset.UtcNow);
                db.ScheduledPublications.Add(s);
                await db.SaveChangesAsync();
                return s;
            });
            return Json("POST", $"/api/admin/rounds/{wish.Round}/publications/{schedule.Id}/cancel");
        }, [Anon, No, 200, No, 200, 200]),
        new("POST", "/api/admin/claims/{id}/revoke", async w => Json("POST", $"/api/admin/claims/{(await w.ClaimedAsync()).ClaimId}/revoke",
            new { reason = "志愿者联系不上" }), [Anon, No, 200, No, 200, 200]),
        new("GET", "/api/admin/claims", async w => { await w.ClaimedAsync(); return Json("GET", "/api/admin/claims?status=active"); },
            [Anon, No, 200, 200, 200, 200]),
        new("GET", "/api/admin/volunteers", async w => { await w.ClaimedAsync(); return Json("GET", "/api/admin/volunteers"); },
            [Anon, No, 200, 200, 200, 200]),
        new("GET", "/api/admin/volunteers/{id}", async w => Json("GET", $"/api/admin/volunteers/{(await w.ClaimedAsync()).VolunteerId}"),
            [Anon, No, 200, No, 200, 200]),
        // Every staff role may change its own password; the body carries the staff accounts' password, which the seeded
        // admin's is not, so the admin's answer is the 400 of a wrong current password (not a refusal of the role).
        new("POST", "/api/admin/auth/password", async _ => Json("POST", "/api/admin/auth/password",
            new { currentPassword = StaffWorld.StaffPassword, newPassword = "Changed-Password-7" }), [Anon, No, 200, 200, 200, 400]),
        new("POST", "/api/admin/wishes/{id}/follow-ups", async w => Json("POST", $"/api/admin/wishes/{(await w.FulfilledAsync()).Id}/follow-ups",
            new { method = "phone", satisfaction = 5, notes = "很满意" }), [Anon, No, 201, No, 201, 201]),
        new("GET", "/api/admin/stats", async _ => Json("GET", "/api/admin/stats"), [Anon, No, 200, 200, 200, 200]),
        new("GET", "/api/admin/exports/wishes.csv", async _ => Json("GET", "/api/admin/exports/wishes.csv"), [Anon, No, 200, 200, 200, 200]),
        new("GET", "/api/admin/exports/volunteer-hours.csv", async _ => Json("GET", "/api/admin/exports/volunteer-hours.csv"), [Anon, No, 200, 200, 200, 200]),
        new("GET", "/api/admin/exports/wishes.xlsx", async _ => Json("GET", "/api/admin/exports/wishes.xlsx"), [Anon, No, 200, 200, 200, 200]),
        new("GET", "/api/admin/exports/volunteer-hours.xlsx", async _ => Json("GET", "/api/admin/exports/volunteer-hours.xlsx"), [Anon, No, 200, 200, 200, 200]),
        new("GET", "/api/admin/audit", async _ => Json("GET", "/api/admin/audit"), [Anon, No, No, No, No, 200]),
        new("POST", "/api/admin/beneficiaries/{id}/erase", async w => Json("POST", $"/api/admin/beneficiaries/{(await w.SubmittedAsync()).BeneficiaryId}/erase"),
            [Anon, No, No, No, No, 200]),
        new("POST", "/api/admin/notifications", async _ => Json("POST", "/api/admin/notifications",
            new { templateKey = "wish.verified", data = new { code = "W1" }, recipients = new { openIds = new[] { "o-matrix" } } }),
            [Anon, No, No, No, No, 202]),
        new("GET", "/api/admin/notifications", async w => { await NewJob(w); return Json("GET", "/api/admin/notifications"); }, [Anon, No, No, No, No, 200]),
        new("GET", "/api/admin/notifications/templates", async _ => Json("GET", "/api/admin/notifications/templates"), [Anon, No, No, No, No, 200]),
        new("POST", "/api/admin/notifications/preview", async _ => Json("POST", "/api/admin/notifications/preview",
            new { recipients = new { filter = new { group = "followers" } } }), [Anon, No, No, No, No, 200]),
        new("GET", "/api/admin/notifications/{id}", async w => Json("GET", $"/api/admin/notifications/{await NewJob(w)}"), [Anon, No, No, No, No, 200]),
        new("GET", "/api/admin/notifications/{id}/recipients", async w => Json("GET", $"/api/admin/notifications/{await NewJob(w)}/recipients"),
            [Anon, No, No, No, No, 200]),
        new("POST", "/api/admin/notifications/{id}/cancel", async w => Json("POST", $"/api/admin/notifications/{await NewJob(w)}/cancel"),
            [Anon, No, No, No, No, 200]),
        new("POST", "/api/admin/trainings", async _ => Json("POST", "/api/admin/trainings", new
        {
            course = "应急救护", startsAt = DateTimeOffset.UtcNow.AddDays(-1), place = "市红十字会", districtCode = "gulou",
        }), [Anon, No, 201, No, 201, 201]),
        new("GET", "/api/admin/trainings", async _ => Json("GET", "/api/admin/trainings"), [Anon, No, 200, 200, 200, 200]),
        new("POST", "/api/admin/trainings/{id}/attendance", async w =>
        {
            var claimed = await w.ClaimedAsync();
            var session = await w.WithDbAsync(async db =>
            {
                var s = TrainingSession.Create(new NewTrainingSession("应急救护", null, DateTimeOffset.UtcNow.AddDays(-1), "市红十字会", "gulou", null),
                    Actor.System("test"), DateTimeOffset.UtcNow);
                db.TrainingSessions.Add(s);
                await db.SaveChangesAsync();
                return s;
            });
            return Json("POST", $"/api/admin/trainings/{session.Id}/attendance", new { volunteerIds = new[] { claimed.VolunteerId } });
        }, [Anon, No, 200, No, 200, 200]),
        new("POST", "/api/admin/volunteers/{id}/commendations", async w => Json("POST", $"/api/admin/volunteers/{(await w.ClaimedAsync()).VolunteerId}/commendations",
            new { title = "优秀志愿者", year = 2026, citation = "全年服务", points = 10 }), [Anon, No, 201, No, 201, 201]),
        new("POST", "/api/admin/activities", async _ => Json("POST", "/api/admin/activities", new
        {
            title = "社区义诊", content = "量血压", serviceKind = "health_care", districtCode = "gulou", place = "幸福社区",
            shifts = new[] { new { startsAt = DateTimeOffset.UtcNow.AddDays(1), endsAt = DateTimeOffset.UtcNow.AddDays(1).AddHours(2), capacity = 5 } },
        }), [Anon, No, 201, No, 201, 201]),
        new("GET", "/api/admin/activities", async w => { await NewActivity(w); return Json("GET", "/api/admin/activities"); }, [Anon, No, 200, 200, 200, 200]),
        new("GET", "/api/admin/activities/{id}", async w => Json("GET", $"/api/admin/activities/{(await NewActivity(w)).Id}"), [Anon, No, 200, No, 200, 200]),
        new("POST", "/api/admin/activities/{id}/publish", async w => Json("POST", $"/api/admin/activities/{(await NewActivity(w, publish: false)).Id}/publish"),
            [Anon, No, 200, No, 200, 200]),
        new("POST", "/api/admin/activities/{id}/cancel", async w => Json("POST", $"/api/admin/activities/{(await NewActivity(w)).Id}/cancel",
            new { reason = "暴雨预警" }), [Anon, No, 200, No, 200, 200]),
        new("GET", "/api/admin/activities/shifts/{shiftId}/checkin-code", async w =>
            Json("GET", $"/api/admin/activities/shifts/{(await NewActivity(w)).Shifts[0].Id}/checkin-code"), [Anon, No, 200, No, 200, 200]),
        new("GET", "/api/admin/activities/shifts/{shiftId}/roster", async w =>
            Json("GET", $"/api/admin/activities/shifts/{(await NewActivity(w)).Shifts[0].Id}/roster"), [Anon, No, 200, No, 200, 200]),
        new("POST", "/api/admin/activities/shifts/{shiftId}/attendance", async w =>
            Json("POST", $"/api/admin/activities/shifts/{(await NewActivity(w, startedHoursAgo: 1)).Shifts[0].Id}/attendance",
                new { entries = Array.Empty<object>() }), [Anon, No, 200, No, 200, 200]),
        new("POST", "/api/admin/rewards", async _ => Json("POST", "/api/admin/rewards", new { name = "电影票", partner = "星光影院", pointsCost = 30, stock = 10 }),
            [Anon, No, No, No, No, 201]),
        new("GET", "/api/admin/rewards", async _ => Json("GET", "/api/admin/rewards"), [Anon, No, 200, 200, 200, 200]),
        new("GET", "/api/admin/redemptions", async w => { await NewRedemption(w); return Json("GET", "/api/admin/redemptions?status=reserved"); },
            [Anon, No, 200, 200, 200, 200]),
        new("POST", "/api/admin/redemptions/{id}/collect", async w => Json("POST", $"/api/admin/redemptions/{await NewRedemption(w)}/collect"),
            [Anon, No, 200, 200, 200, 200]),
        new("POST", "/api/admin/redemptions/{id}/cancel", async w => Json("POST", $"/api/admin/redemptions/{await NewRedemption(w)}/cancel"),
            [Anon, No, 200, 200, 200, 200]),
        new("POST", "/api/admin/volunteers/{id}/points", async w => Json("POST", $"/api/admin/volunteers/{(await w.ClaimedAsync()).VolunteerId}/points",
            new { points = 10, reason = "优秀志愿者奖励" }), [Anon, No, 201, No, 201, 201]),
        new("GET", "/api/admin/volunteers/{id}/passbook", async w => Json("GET", $"/api/admin/volunteers/{(await w.ClaimedAsync()).VolunteerId}/passbook"),
            [Anon, No, 200, No, 200, 200]),
        // Programmes and rosters are the admin's; the counter and the report are every staff role's, coordinators of any district
        // included, since a programme belongs to no district.
        new("POST", "/api/admin/entitlements", async _ => Json("POST", "/api/admin/entitlements",
            new { name = "免费洗衣", provider = "爱心超市", unit = "件", perWeek = 1, perMonth = 4, validFrom = "2026-01-01" }), [Anon, No, No, No, No, 201]),
        new("GET", "/api/admin/entitlements", async w => { await NewProgramme(w); return Json("GET", "/api/admin/entitlements"); },
            [Anon, No, 200, 200, 200, 200]),
        new("GET", "/api/admin/entitlements/{id}", async w => Json("GET", $"/api/admin/entitlements/{(await NewProgramme(w)).Programme}"),
            [Anon, No, 200, 200, 200, 200]),
        new("POST", "/api/admin/entitlements/{id}/roster", async w => new HttpRequestMessage(HttpMethod.Post,
            $"/api/admin/entitlements/{(await NewProgramme(w)).Programme}/roster")
        {
            Content = new StringContent("姓名,工号,电话,班组\n张师傅,HW100,,一班\n", Encoding.UTF8, "text/csv"),
        }, [Anon, No, No, No, No, 200]),
        new("POST", "/api/admin/entitlements/{id}/redemptions", async w => Json("POST",
            $"/api/admin/entitlements/{(await NewProgramme(w)).Programme}/redemptions", new { workNumber = "HW001", items = 1 }),
            [Anon, No, 201, 201, 201, 201]),
        new("POST", "/api/admin/entitlements/{id}/redemptions/{redemptionId}/undo", async w =>
        {
            var (programme, redemption) = await NewProgramme(w);
            return Json("POST", $"/api/admin/entitlements/{programme}/redemptions/{redemption}/undo", new { reason = "录错了" });
        }, [Anon, No, 200, 200, 200, 200]),
        new("GET", "/api/admin/entitlements/{id}/report", async w =>
            Json("GET", $"/api/admin/entitlements/{(await NewProgramme(w)).Programme}/report?month={DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)):yyyyMM}"),
            [Anon, No, 200, 200, 200, 200]),
        // The tree is set up by admins and by coordinators within their district; every staff role reads it, a coordinator their district's.
        new("POST", "/api/admin/organisations", async _ => Json("POST", "/api/admin/organisations",
            new { name = "鼓楼区志愿者中心", level = "center", districtCode = "gulou" }), [Anon, No, No, No, 201, 201]),
        new("GET", "/api/admin/organisations", async w => { await NewOrganisation(w); return Json("GET", "/api/admin/organisations"); },
            [Anon, No, 200, 200, 200, 200]),
        new("GET", "/api/admin/organisations/{id}", async w => Json("GET", $"/api/admin/organisations/{(await NewOrganisation(w)).Organisation}"),
            [Anon, No, 200, No, 200, 200]),
        new("POST", "/api/admin/organisations/{id}/leaders", async w => Json("POST",
            $"/api/admin/organisations/{(await NewOrganisation(w)).Organisation}/leaders", new { volunteerId = (await w.ClaimedAsync()).VolunteerId }),
            [Anon, No, No, No, 200, 200]),
        new("DELETE", "/api/admin/organisations/{id}/leaders/{volunteerId}", async w =>
        {
            var (organisation, leader) = await NewOrganisation(w);
            return Json("DELETE", $"/api/admin/organisations/{organisation}/leaders/{leader}");
        }, [Anon, No, No, No, 200, 200]),
        // Offers of service are scoped by district like wishes: the list is every staff role's (a coordinator sees their own
        // district), and acting on another district's offer is refused.
        new("GET", "/api/admin/offers", async w => { await NewOffer(w); return Json("GET", "/api/admin/offers"); }, [Anon, No, 200, 200, 200, 200]),
        new("POST", "/api/admin/offers/{id}/publish", async w => Json("POST", $"/api/admin/offers/{(await NewOffer(w)).Offer}/publish"),
            [Anon, No, 200, No, 200, 200]),
        new("POST", "/api/admin/offers/{id}/reject", async w => Json("POST", $"/api/admin/offers/{(await NewOffer(w)).Offer}/reject",
            new { reason = "内容不清楚" }), [Anon, No, 200, No, 200, 200]),
        new("POST", "/api/admin/offers/{id}/close", async w => Json("POST", $"/api/admin/offers/{(await NewOffer(w, publish: true)).Offer}/close"),
            [Anon, No, 200, No, 200, 200]),
        new("POST", "/api/admin/offers/{id}/matches", async w => Json("POST", $"/api/admin/offers/{(await NewOffer(w, publish: true)).Offer}/matches",
            new { residentName = "李桂兰", note = "电话 13800001111" }), [Anon, No, 201, No, 201, 201]),
        new("POST", "/api/admin/offers/{id}/matches/{matchId}/credit", async w =>
        {
            var (offer, match) = await NewOffer(w, publish: true);
            return Json("POST", $"/api/admin/offers/{offer}/matches/{match}/credit", new { minutes = 60 });
        }, [Anon, No, 200, No, 200, 200]),
        // The project library: every staff role reads it (a coordinator their district's); admins and coordinators in their
        // district propose, approve, start, close and keep the roster.
        new("POST", "/api/admin/projects", async w => Json("POST", "/api/admin/projects", new
        {
            name = "助老理发", need = "老人理发难", organisationId = (await NewOrganisation(w)).Organisation, frequency = "monthly", place = "幸福社区",
            content = "集中理发", districtCode = "gulou",
        }), [Anon, No, No, No, 201, 201]),
        new("GET", "/api/admin/projects", async w => { await NewLibraryProject(w); return Json("GET", "/api/admin/projects"); }, [Anon, No, 200, 200, 200, 200]),
        new("GET", "/api/admin/projects/{id}", async w => Json("GET", $"/api/admin/projects/{(await NewLibraryProject(w)).Project}"),
            [Anon, No, 200, No, 200, 200]),
        new("POST", "/api/admin/projects/{id}/approve", async w => Json("POST", $"/api/admin/projects/{(await NewLibraryProject(w)).Project}/approve"),
            [Anon, No, No, No, 200, 200]),
        new("POST", "/api/admin/projects/{id}/start", async w => Json("POST",
            $"/api/admin/projects/{(await NewLibraryProject(w, ProjectStatus.Approved)).Project}/start"), [Anon, No, No, No, 200, 200]),
        new("POST", "/api/admin/projects/{id}/close", async w => Json("POST",
            $"/api/admin/projects/{(await NewLibraryProject(w, ProjectStatus.Running)).Project}/close", new { evaluation = "完成得很好", rating = 5 }),
            [Anon, No, No, No, 200, 200]),
        new("GET", "/api/admin/projects/{id}/roster", async w => Json("GET", $"/api/admin/projects/{(await NewLibraryProject(w, listed: true)).Project}/roster"),
            [Anon, No, 200, No, 200, 200]),
        new("POST", "/api/admin/projects/{id}/roster", async w => Json("POST", $"/api/admin/projects/{(await NewLibraryProject(w)).Project}/roster",
            new { beneficiaryId = (await w.SubmittedAsync()).BeneficiaryId }), [Anon, No, No, No, 201, 201]),
        new("DELETE", "/api/admin/projects/{id}/roster/{beneficiaryId}", async w =>
        {
            var (project, beneficiary) = await NewLibraryProject(w, listed: true);
            return Json("DELETE", $"/api/admin/projects/{project}/roster/{beneficiary}");
        }, [Anon, No, No, No, 200, 200]),
        // Pairings are scoped by the beneficiary's district like wishes: every staff role works them, a coordinator in their own district.
        new("POST", "/api/admin/pairings", async w =>
        {
            var wish = await w.SubmittedAsync();
            return Json("POST", "/api/admin/pairings", new
            {
                beneficiaryId = wish.BeneficiaryId, volunteerId = (await w.ClaimedAsync()).VolunteerId, startsOn = DateTimeOffset.UtcNow.AddHours(8).ToString("yyyy-MM-dd"),
                everyDays = 7,
            });
        }, [Anon, No, 201, No, 201, 201]),
        new("GET", "/api/admin/pairings", async w => { await NewPairing(w); return Json("GET", "/api/admin/pairings"); }, [Anon, No, 200, 200, 200, 200]),
        new("GET", "/api/admin/pairings/overdue", async w => { await NewPairing(w); return Json("GET", "/api/admin/pairings/overdue"); },
            [Anon, No, 200, 200, 200, 200]),
        new("GET", "/api/admin/pairings/{id}", async w => Json("GET", $"/api/admin/pairings/{(await NewPairing(w)).Pairing}"), [Anon, No, 200, No, 200, 200]),
        new("POST", "/api/admin/pairings/{id}/handover", async w =>
        {
            var (pairing, _, other) = await NewPairing(w);
            return Json("POST", $"/api/admin/pairings/{pairing}/handover", new { volunteerId = other, reason = "志愿者搬家" });
        }, [Anon, No, 200, No, 200, 200]),
        new("POST", "/api/admin/pairings/{id}/end", async w => Json("POST", $"/api/admin/pairings/{(await NewPairing(w)).Pairing}/end", new { reason = "期满" }),
            [Anon, No, 200, No, 200, 200]),
        new("POST", "/api/admin/pairings/{id}/visits", async w => Json("POST", $"/api/admin/pairings/{(await NewPairing(w)).Pairing}/visits",
            new { minutes = 60, content = "陪老人聊天" }), [Anon, No, 201, No, 201, 201]),
        new("POST", "/api/admin/pairings/{id}/visits/{visitId}/confirm", async w =>
        {
            var (pairing, visit) = await NewPairingVisit(w);
            return Json("POST", $"/api/admin/pairings/{pairing}/visits/{visit}/confirm");
        }, [Anon, No, 200, No, 200, 200]),
    ];

    /// <summary>A gulou beneficiary paired a week ago with a fresh volunteer (the holder), and another volunteer to hand it on to.</summary>
    private static async Task<(Guid Pairing, Guid Holder, Guid Other)> NewPairing(StaffWorld world)
    {
        var wish = await world.SubmittedAsync();
        return await world.WithDbAsync(async db =>
        {
            var now = DateTimeOffset.UtcNow;
            var holder = Volunteer.Register("o-pair-" + Guid.NewGuid().ToString("N")[..8], now);
            var other = Volunteer.Register("o-pair-" + Guid.NewGuid().ToString("N")[..8], now);
            var beneficiary = await db.Beneficiaries.FirstAsync(b => b.Id == wish.BeneficiaryId);
            var pairing = Pairing.Create(beneficiary, PairingHolder.Volunteer(holder.Id), DateOnly.FromDateTime(now.AddHours(8).AddDays(-7).DateTime), null, 7,
                null, null, Actor.System("test"), now, TimeSpan.FromHours(8));
            db.AddRange(holder, other, pairing);
            await db.SaveChangesAsync();
            return (pairing.Id, holder.Id, other.Id);
        });
    }

    /// <summary>A pairing as <see cref="NewPairing"/> makes it, with a visit its holder recorded alone (a provisional line).</summary>
    private static async Task<(Guid Pairing, Guid Visit)> NewPairingVisit(StaffWorld world)
    {
        var (pairingId, holder, _) = await NewPairing(world);
        return await world.WithDbAsync(async db =>
        {
            var now = DateTimeOffset.UtcNow;
            var pairing = await db.Set<Pairing>().SingleAsync(p => p.Id == pairingId);
            var visit = pairing.RecordVisit(holder, false, now, 60, "陪老人聊天", Actor.Volunteer(holder), now, TimeSpan.FromHours(8));
            db.AddRange(visit, visit.ToPassbook("鼓楼区", null));
            await db.SaveChangesAsync();
            return (pairingId, visit.Id);
        });
    }

    /// <summary>A gulou center with one volunteer as its leader.</summary>
    private static Task<(Guid Organisation, Guid Leader)> NewOrganisation(StaffWorld world) => world.WithDbAsync(async db =>
    {
        var now = DateTimeOffset.UtcNow;
        var volunteer = Volunteer.Register("o-leader-" + Guid.NewGuid().ToString("N")[..8], now);
        var organisation = Organisation.Create("鼓楼区志愿者中心", OrganisationLevel.Center, null, "gulou", Actor.System("test"), now);
        var leader = OrganisationMembership.Apply(organisation.Id, volunteer.Id, now);
        leader.MakeLeader(Actor.System("test"), now);
        db.AddRange(volunteer, organisation, leader);
        await db.SaveChangesAsync();
        return (organisation.Id, volunteer.Id);
    });

    /// <summary>A gulou project of a fresh team in the given state; listed, it has one beneficiary on its roster.</summary>
    private static async Task<(Guid Project, Guid? Beneficiary)> NewLibraryProject(StaffWorld world, ProjectStatus status = ProjectStatus.Proposed,
        bool listed = false)
    {
        var team = (await NewOrganisation(world)).Organisation;
        var beneficiary = listed ? (await world.SubmittedAsync()).BeneficiaryId : (Guid?)null;
        return await world.WithDbAsync(async db =>
        {
            var now = DateTimeOffset.UtcNow;
            var project = Project.Propose(new NewProject("助老理发", "老人理发难", team, ProjectFrequency.Monthly, null, "幸福社区", "集中理发", "gulou"),
                Actor.System("test"), now);
            if (status >= ProjectStatus.Approved) project.Approve(Actor.System("test"), now);
            if (status >= ProjectStatus.Running) project.Start(now);
            if (beneficiary is { } id) project.AddBeneficiary(await db.Beneficiaries.SingleAsync(b => b.Id == id), Actor.System("test"), now);
            db.Add(project);
            await db.SaveChangesAsync();
            return (project.Id, beneficiary);
        });
    }

    /// <summary>A gulou offer by a registered volunteer, submitted or published; a published one has one request.</summary>
    private static Task<(Guid Offer, Guid? Match)> NewOffer(StaffWorld world, bool publish = false) => world.WithDbAsync(async db =>
    {
        var now = DateTimeOffset.UtcNow;
        var volunteer = Volunteer.Register("o-offer-" + Guid.NewGuid().ToString("N")[..8], now);
        var offer = ServiceOffer.Submit(volunteer.OpenId, volunteer.Id, "张建国", "修自行车", "周末上午", "gulou", true, now);
        Guid? match = null;
        if (publish)
        {
            offer.Publish(Actor.System("test"), now);
            match = offer.Request(Actor.Volunteer(Guid.NewGuid()), "请打电话", now).Id;
        }
        db.AddRange(volunteer, offer);
        await db.SaveChangesAsync();
        return (offer.Id, match);
    });

    /// <summary>A programme with one person (HW001) and one redemption of theirs made now, which may still be undone today.</summary>
    private static Task<(Guid Programme, Guid Redemption)> NewProgramme(StaffWorld world) => world.WithDbAsync(async db =>
    {
        var now = DateTimeOffset.UtcNow;
        var programme = EntitlementProgramme.Create("免费洗衣", "爱心超市", "件", 2, 8, new DateOnly(2026, 1, 1), null, Actor.System("test"), now);
        var person = EntitlementPerson.Create(programme, "张师傅", "HW001", null, null, now);
        var redemption = programme.Redeem(person, 1, [], Actor.System("test"), now, TimeSpan.FromHours(8));
        db.AddRange(programme, person, redemption);
        await db.SaveChangesAsync();
        return (programme.Id, redemption.Id);
    });

    /// <summary>A gulou activity with one shift of 5 places, published unless asked; its shift may have started already.</summary>
    private static Task<Activity> NewActivity(StaffWorld world, bool publish = true, int startedHoursAgo = -24) => world.WithDbAsync(async db =>
    {
        var now = DateTimeOffset.UtcNow;
        var starts = now.AddHours(-startedHoursAgo);
        var activity = Activity.Create(new NewActivity("社区义诊", "量血压", ServiceKind.HealthCare, "gulou", "幸福社区", null,
            [new NewShift(starts, starts.AddHours(2), 5)], null), Actor.System("test"), now);
        if (publish) activity.Publish(now);
        db.Activities.Add(activity);
        await db.SaveChangesAsync();
        return activity;
    });

    /// <summary>A reservation of a reward by a fresh volunteer, with its ledger row, as redeeming leaves them.</summary>
    private static Task<Guid> NewRedemption(StaffWorld world) => world.WithDbAsync(async db =>
    {
        var now = DateTimeOffset.UtcNow;
        var volunteer = Volunteer.Register("o-matrix-" + Guid.NewGuid().ToString("N")[..8], now);
        var reward = Reward.Create(new NewReward("电影票", "星光影院", 30, 10, null, null, null, null), Actor.System("test"), now);
        var redemption = Redemption.Reserve(reward, volunteer.Id, TimeSpan.FromDays(7), now);
        db.AddRange(volunteer, reward, redemption,
            LedgerEntry.Redeemed(volunteer.Id, reward.PointsCost, "兑换：电影票", redemption.Id, Actor.Volunteer(volunteer.Id), now));
        await db.SaveChangesAsync();
        return redemption.Id;
    });

    private static Task<Guid> NewJob(StaffWorld world) => world.WithDbAsync(async db =>
    {
        var job = NotificationJob.Create("wish.verified", "T", NotificationChannel.OfficialAccount,
            new Dictionary<string, string>(), null, null, "test", DateTimeOffset.UtcNow);
        db.NotificationJobs.Add(job);
        await db.SaveChangesAsync();
        return job.Id;
    });

    // A queued job of a gulou coordinator's, so gulou's coordinator and staff of every district may see and cancel it.
    private static Task<Guid> NewImportJob(StaffWorld world) => world.WithDbAsync(async db =>
    {
        var job = ImportJob.Create(Guid.NewGuid(), "gulou-importer", StaffRole.DistrictCoordinator, "gulou", "名单.csv", "text/csv",
            Encoding.UTF8.GetBytes(string.Format(ImportCsv, StaffWorld.NextPhone())), DateTimeOffset.UtcNow);
        db.ImportJobs.Add(job);
        await db.SaveChangesAsync();
        return job.Id;
    });

    private static Task<StaffUser> NewStaff(StaffWorld world) =>
        world.CreateStaffAsync("target" + Guid.NewGuid().ToString("N")[..8], StaffRole.Reviewer);

    [TestCaseSource(nameof(Rows))]
    public async Task EachCallerGetsExactlyTheExpectedStatus(Row row)
    {
        var world = new StaffWorld(Api.Services);
        var clients = new Dictionary<Caller, HttpClient>
        {
            [Caller.Anonymous] = Api.CreateClient(),
            [Caller.Volunteer] = Api.CreateVolunteerClient(Guid.NewGuid()),
            [Caller.Reviewer] = Api.CreateStaffClient(await world.CreateStaffAsync("reviewer", StaffRole.Reviewer)),
            [Caller.OtherDistrictCoordinator] = Api.CreateStaffClient(await world.CreateStaffAsync("qixia-coordinator", StaffRole.DistrictCoordinator, "qixia")),
            [Caller.OwnDistrictCoordinator] = Api.CreateStaffClient(await world.CreateStaffAsync("gulou-coordinator", StaffRole.DistrictCoordinator, "gulou")),
            [Caller.Admin] = Api.CreateStaffClient(await world.AdminAsync()),
        };

        var actual = new List<string>();
        foreach (var (caller, client) in clients)
        {
            using (client)
            using (var response = await client.SendAsync(await row.Request(world)))
                actual.Add($"{caller}={(int)response.StatusCode}");
        }

        var expected = Enum.GetValues<Caller>().Select((c, i) => $"{c}={row.Expected[i]}").ToList();
        Assert.That(actual, Is.EqualTo(expected), row.ToString());
    }

    [Test]
    public void TheMatrixCoversEveryAdminEndpoint()
    {
        var mapped = Api.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/admin", StringComparison.Ordinal) == true)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? []).Select(m => $"{m} {Normalise(e.RoutePattern.RawText!)}"))
            .ToHashSet();
        // A row may add a query ("?dryRun") to check one endpoint in another mode; it covers the endpoint either way.
        var covered = Rows().Select(r => $"{r.Method} {r.Route.Split('?')[0]}").ToHashSet();

        Assert.That(mapped, Is.EquivalentTo(covered), "every /api/admin endpoint needs a row in the authorization matrix");
    }

    private static string Normalise(string pattern) =>
        System.Text.RegularExpressions.Regex.Replace(pattern.TrimEnd('/'), @"\{(\w+)(:\w+)?\}", "{$1}");
}
