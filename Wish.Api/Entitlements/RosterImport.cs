using Microsoft.EntityFrameworkCore;
using WeChatWish.Api.Data;
using WeChatWish.Api.Staff;
using WeChatWish.Api.Staff.Entry;
using WeChatWish.Domain;

namespace WeChatWish.Api.Entitlements;

/// <summary>The roster file's columns, found by header in any order, in Chinese or English (API.md: 姓名,工号,电话,班组 or name,workNumber,phone,team).</summary>
internal sealed class RosterColumns
{
    private static readonly (string Key, string Label, bool Required, string[] Aliases)[] Known =
    [
        ("name", "姓名", true, ["姓名", "name"]),
        ("workNumber", "工号", true, ["工号", "员工号", "职工号", "worknumber", "work_number"]),
        ("phone", "电话", false, ["电话", "手机", "手机号", "联系电话", "phone"]),
        ("team", "班组", false, ["班组", "班组名称", "team"]),
    ];

    private readonly Dictionary<string, int> _index;

    private RosterColumns(Dictionary<string, int> index) => _index = index;

    public static IReadOnlyList<string> Labels => Known.Select(k => k.Label).ToList();

    public static RosterColumns? FromHeader(string[] header, out IReadOnlyList<string> missing)
    {
        var index = CsvText.MapHeader(header, Known, out missing);
        return index is null ? null : new RosterColumns(index);
    }

    public string Cell(string[] fields, string key) => _index.TryGetValue(key, out var i) && i < fields.Length ? fields[i].Trim() : "";
}

public sealed record RosterOutcome(int Imported, IReadOnlyList<RowError> Errors);

/// <summary>
/// Imports a programme's roster all-or-nothing. A work number already on the roster is that person again: their name, phone and
/// team follow the new list and their card stays valid; people absent from the new list stay on the roster. Rows are numbered as
/// in the file (the header is row 1), through the same CSV or .xlsx reading as the wish import.
/// </summary>
internal static class RosterImport
{
    public const int MaxRows = 5000;

    public static async Task<RosterOutcome> ImportAsync(WishDbContext db, EntitlementProgramme programme, Upload upload, CurrentStaff staff,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        var (records, _) = UploadedSheet.Read(upload, MaxRows + 2);
        if (records.Count == 0) throw new CsvFileException("文件是空的。");
        var columns = RosterColumns.FromHeader(records[0].Fields, out var missing)
            ?? throw new CsvFileException($"缺少必需的列：{string.Join("、", missing)}。第一行应为列名：{string.Join("，", RosterColumns.Labels)}。");
        var rows = records.Skip(1).ToList();
        if (rows.Count == 0) throw new CsvFileException("文件中没有名单数据行。");
        if (rows.Count > MaxRows) throw new CsvFileException($"一次最多导入{MaxRows}行，请拆分文件。");

        var existing = await db.EntitlementPeople().Where(p => p.ProgrammeId == programme.Id).ToDictionaryAsync(p => p.WorkNumber, cancellationToken);
        var seen = new Dictionary<string, int>();
        var errors = new List<RowError>();
        foreach (var (line, fields) in rows)
        {
            var (name, workNumber, phone, team) =
                (columns.Cell(fields, "name"), columns.Cell(fields, "workNumber"), columns.Cell(fields, "phone"), columns.Cell(fields, "team"));
            try
            {
                var number = EntitlementPerson.NormaliseWorkNumber(workNumber);
                if (seen.TryGetValue(number, out var first))
                {
                    errors.Add(new RowError(line, $"工号“{number}”与第{first}行重复。"));
                    continue;
                }
                seen[number] = line;
                if (existing.TryGetValue(number, out var person)) person.Update(name, phone, team, now);
                else db.Add(EntitlementPerson.Create(programme, name, number, phone, team, now));
            }
            catch (DomainValidationException e)
            {
                errors.Add(new RowError(line, e.Message));
            }
        }

        if (errors.Count > 0)
        {
            db.ChangeTracker.Clear();
            return new RosterOutcome(0, errors);
        }
        db.Record(staff, "entitlement.roster_imported", nameof(EntitlementProgramme), programme.Id.ToString(),
            $"{rows.Count} rows, {rows.Count - existing.Keys.Count(seen.ContainsKey)} new", now);
        // One SaveChanges is one transaction: every row or none.
        await db.SaveChangesAsync(cancellationToken);
        return new RosterOutcome(rows.Count, []);
    }
}
