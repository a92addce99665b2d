using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WeChatWish.Api.Auth;
using WeChatWish.Api.Data;
using WeChatWish.Api.Data.ReadModels;
using WeChatWish.Api.Infrastructure;
using WeChatWish.Api.ReferenceData;
using WeChatWish.Api.Staff.Entry;
using WeChatWish.Domain;

namespace WeChatWish.Api.Staff.Exports;

/// <summary>
/// CSV and .xlsx exports for Excel, the same columns and filters in both. Wishes carry full beneficiary name, phone and address only for Admins (each beneficiary exported
/// gets an audit line); reviewers and coordinators get masked names and phones and no address, since a bulk file travels further than a screen.
/// Both stream their rows from the database (<see cref="CsvStream"/>, <see cref="XlsxStream"/>), so memory stays flat however many rows there are.
/// </summary>
public static class ExportsApi
{
    public static readonly string[] WishColumns =
        ["编号", "轮次", "状态", "渠道", "类别", "类型", "所在区", "心愿内容", "预估费用", "紧急程度", "标记", "受助人", "电话", "地址",
         "提交时间", "审核时间", "发布时间", "完成时间", "确认时间"];

    public static readonly string[] VolunteerColumns =
        ["志愿者编号", "姓名", "所在区", "所在单位", "本年服务时长（小时）", "累计服务时长（小时）", "积分", "星级"];

    public static IEndpointRouteBuilder MapExports(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/admin/exports").WithTags("Staff: exports").RequireAuthorization(Policies.Staff).WithValidation();
        api.MapGet("/wishes.csv", Wishes).Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .WithSummary("?year|round&status&districtCode: wishes as CSV (UTF-8 with BOM), streamed");
        api.MapGet("/volunteer-hours.csv", VolunteerHours).Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .WithSummary("?year: volunteers' confirmed hours, points and star levels as CSV, streamed");
        api.MapGet("/wishes.xlsx", WishesXlsx).Produces(StatusCodes.Status200OK, contentType: Upload.XlsxContentType)
            .WithSummary("?year|round&status&districtCode: the wishes.csv columns and rows as an Excel workbook");
        api.MapGet("/volunteer-hours.xlsx", VolunteerHoursXlsx).Produces(StatusCodes.Status200OK, contentType: Upload.XlsxContentType)
            .WithSummary("?year: the volunteer-hours.csv columns and rows as an Excel workbook");
        return app;
    }

    private enum Format { Csv, Xlsx }

    private static IResult Download(Format format, string name, IReadOnlyList<string> header, IAsyncEnumerable<IEnumerable<string?>> rows) =>
        format == Format.Xlsx ? new XlsxStream(name + ".xlsx", header, rows) : new CsvStream(name + ".csv", header, rows);

    private static Task<IResult> Wishes(int? year, string? round, string? status, string? districtCode, CurrentStaff staff,
        WishDbContext db, WishRules rules, DistrictDirectory districts, TimeProvider clock, CancellationToken cancellationToken) =>
        WishesAs(Format.Csv, year, round, status, districtCode, staff, db, rules, districts, clock, cancellationToken);

    private static Task<IResult> WishesXlsx(int? year, string? round, string? status, string? districtCode, CurrentStaff staff,
        WishDbContext db, WishRules rules, DistrictDirectory districts, TimeProvider clock, CancellationToken cancellationToken) =>
        WishesAs(Format.Xlsx, year, round, status, districtCode, staff, db, rules, districts, clock, cancellationToken);

    private static async Task<IResult> WishesAs(Format format, int? year, string? round, string? status, string? districtCode, CurrentStaff staff,
        WishDbContext db, WishRules rules, DistrictDirectory districts, TimeProvider clock, CancellationToken cancellationToken)
    {
        var file = format == Format.Xlsx ? "wishes.xlsx" : "wishes.csv";
        var now = clock.GetUtcNow();
        var district = staff.EffectiveDistrict(districtCode);
        var rounds = round is not null ? [Round.Parse(round)]
            : Enumerable.Range(1, 12).Select(m => new Round(Round.CheckYear(year ?? rules.ToChinaTime(now).Year), m)).ToList();
        var query = db.Wishes.AsNoTracking().Where(w => rounds.Contains(w.Round));
        if (status is not null)
        {
            var value = ApiEnum.Parse<WishStatus>(status)
                ?? throw new DomainValidationException(DomainErrorCodes.Invalid, "status", "状态应为 submitted、verified、published 等。");
            query = query.Where(w => w.Status == value);
        }
        if (district is not null) query = query.Where(w => w.DistrictCode == district);
        var full = staff.IsAdmin;

        // The audit lines are written before the first row leaves: once the file streams, the context is the reader's.
        var count = await query.CountAsync(cancellationToken);
        db.Record(staff, "export.wishes", "Export", file,
            $"{count} rows; {(full ? "full" : "masked")}; rounds {rounds[0]}–{rounds[^1]}; status={status ?? "any"}; district={district ?? "all"}", now);
        if (full)
        {
            var people = await query.Join(db.Beneficiaries, w => w.BeneficiaryId, b => b.Id, (w, b) => new { b.Id, w.Code, b.ErasedAt })
                .Where(p => p.ErasedAt == null).Select(p => new { p.Id, p.Code }).ToListAsync(cancellationToken);
            db.RecordBeneficiaryReads(staff, StaffAudit.BeneficiaryExported, people.Select(p => (p.Id, p.Code)), file, now);
        }
        await db.SaveChangesAsync(cancellationToken);

        var names = (await districts.AllAsync(cancellationToken)).ToDictionary(d => d.Code, d => d.Name);
        var rows = query.OrderBy(w => w.Round).ThenBy(w => w.Code)
            .Join(db.Beneficiaries, w => w.BeneficiaryId, b => b.Id, (w, b) => new { Wish = w, Beneficiary = b })
            .AsAsyncEnumerable()
            .Select(r => (IEnumerable<string?>)WishRow(r.Wish, r.Beneficiary, full, names, rules));
        return Download(format, "wishes", WishColumns, rows);
    }

    private static string?[] WishRow(Wish w, Beneficiary b, bool full, Dictionary<string, string> names, WishRules rules) =>
    [
        w.Code, w.Round.ToString(), w.Status.ChineseName(), Channel(w.Channel), Categories.Of(w.Category).Name,
        w.Kind == WishKind.Goods ? "物品" : "服务", names.GetValueOrDefault(w.DistrictCode, w.DistrictCode), w.Content,
        w.EstimatedCost.ToString("0.00", CultureInfo.InvariantCulture), Urgency(w.Urgency),
        string.Join("；", w.Flags.ToCodes().Select(Flag)),
        full ? b.Name : b.MaskedName, full ? b.Phone : MaskPhone(b.Phone), full ? b.Address : null,
        Time(rules, w.SubmittedAt), Time(rules, w.VerifiedAt), Time(rules, w.PublishedAt), Time(rules, w.FulfilledAt), Time(rules, w.ConfirmedAt),
    ];

    private static Task<IResult> VolunteerHours(int? year, CurrentStaff staff, WishDbContext db, WishRules rules,
        DistrictDirectory districts, TimeProvider clock, CancellationToken cancellationToken) =>
        VolunteerHoursAs(Format.Csv, year, staff, db, rules, districts, clock, cancellationToken);

    private static Task<IResult> VolunteerHoursXlsx(int? year, CurrentStaff staff, WishDbContext db, WishRules rules,
        DistrictDirectory districts, TimeProvider clock, CancellationToken cancellationToken) =>
        VolunteerHoursAs(Format.Xlsx, year, staff, db, rules, districts, clock, cancellationToken);

    private static async Task<IResult> VolunteerHoursAs(Format format, int? year, CurrentStaff staff, WishDbContext db, WishRules rules,
        DistrictDirectory districts, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var y = Round.CheckYear(year ?? rules.ToChinaTime(now).Year);
        var from = new DateTimeOffset(y, 1, 1, 0, 0, 0, rules.UtcOffset).ToUniversalTime();
        var to = from.AddYears(1);
        var volunteers = db.Volunteers.AsNoTracking().Where(v => v.Name != null);
        if (staff.ScopeDistrict is not null) volunteers = volunteers.Where(v => v.DistrictCode == staff.ScopeDistrict);
        var count = await volunteers.CountAsync(cancellationToken);
        db.Record(staff, "export.volunteer_hours", "Export", format == Format.Xlsx ? "volunteer-hours.xlsx" : "volunteer-hours.csv", $"{count} rows; year {y}; district={staff.ScopeDistrict ?? "all"}", now);
        await db.SaveChangesAsync(cancellationToken);

        var names = (await districts.AllAsync(cancellationToken)).ToDictionary(d => d.Code, d => d.Name);
        var rows = VolunteerHourRows(db, volunteers, rules, y, from, to).AsAsyncEnumerable().Select(v => (IEnumerable<string?>)new[]
        {
            v.Id.ToString(), v.Name, v.DistrictCode is null ? null : names.GetValueOrDefault(v.DistrictCode, v.DistrictCode), v.Organisation,
            Hours(v.Year), Hours(v.Total), rules.Points((int)v.Total).ToString(CultureInfo.InvariantCulture),
            new string('★', WishRules.StarLevel((int)v.Total)),
        });
        return Download(format, "volunteer-hours", VolunteerColumns, rows);
    }

    private sealed record VolunteerHourRow(Guid Id, string? Name, string? DistrictCode, string? Organisation, long Year, long Total);

    // Only confirmed (final) entries count towards hours, points and stars. The kept per-year and lifetime rows are joined (three
    // hash joins, then one sort by name: 4.8 s in PostgreSQL for 1,170,000 volunteers) instead of summing each volunteer's year of
    // entries by index (23,000 rows/s); the kept years are cut at UTC+8, so another configured offset sums the entries.
    private static IQueryable<VolunteerHourRow> VolunteerHourRows(WishDbContext db, IQueryable<Volunteer> volunteers, WishRules rules, int year,
        DateTimeOffset from, DateTimeOffset to)
    {
        if (rules.UtcOffset != VolunteerYearMinutes.UtcOffset)
            return volunteers.OrderBy(v => v.Name).ThenBy(v => v.Id).Select(v => new VolunteerHourRow(v.Id, v.Name, v.DistrictCode, v.Organisation,
                db.ServiceRecordEntries.Where(e => e.VolunteerId == v.Id && e.IsFinal && e.At >= from && e.At < to).Sum(e => (long?)e.Minutes) ?? 0,
                db.VolunteerMinuteTotals.Where(t => t.VolunteerId == v.Id).Sum(t => (long?)t.FinalMinutes) ?? 0));
        return from v in volunteers
               join t in db.VolunteerMinuteTotals on v.Id equals t.VolunteerId into totals
               from t in totals.DefaultIfEmpty()
               join m in db.VolunteerYearMinutes.Where(m => m.Year == year) on v.Id equals m.VolunteerId into years
               from m in years.DefaultIfEmpty()
               orderby v.Name, v.Id
               select new VolunteerHourRow(v.Id, v.Name, v.DistrictCode, v.Organisation, m == null ? 0 : m.FinalMinutes, t == null ? 0 : t.FinalMinutes);
    }

    public static string? MaskPhone(string? phone) => phone is { Length: >= 7 } ? phone[..3] + new string('*', phone.Length - 7) + phone[^4..] : phone is null ? null : "****";

    private static string Hours(long minutes) => (minutes / 60m).ToString("0.##", CultureInfo.InvariantCulture);

    private static string? Time(WishRules rules, DateTimeOffset? at) =>
        at is null ? null : rules.ToChinaTime(at.Value).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static string Channel(WishChannel c) => c switch
    {
        WishChannel.Wechat => "微信", WishChannel.Hotline => "热线", WishChannel.Visit => "走访", _ => "导入",
    };

    private static string Urgency(Urgency u) => u switch { Domain.Urgency.Critical => "特急", Domain.Urgency.Urgent => "紧急", _ => "一般" };

    private static string Flag(string code) => code switch
    {
        WishFlagCodes.SecondIn12Months => "12个月内再次申请",
        WishFlagCodes.OverSoftCostLimit => "费用超过建议标准",
        WishFlagCodes.ContactInContent => "内容含联系方式",
        _ => code,
    };
}
