using WeChatWish.Api.ReferenceData;
using WeChatWish.Api.Wishes;
using WeChatWish.Domain;

namespace WeChatWish.Api.Staff.Entry;

/// <summary>
/// The import file's columns, found by header in any order, in Chinese or English. Category, kind and district may be
/// written as codes or as the Chinese names staff see in the console.
/// </summary>
public sealed class ImportColumns
{
    private static readonly (string Key, string Label, bool Required, string[] Aliases)[] Known =
    [
        ("name", "姓名", true, ["姓名", "受助人", "受助人姓名", "name"]),
        ("phone", "电话", true, ["电话", "手机", "手机号", "手机号码", "联系电话", "phone"]),
        ("address", "地址", false, ["地址", "住址", "家庭住址", "address"]),
        ("idNumber", "身份证号", false, ["身份证号", "身份证号码", "idnumber", "id_number"]),
        ("category", "类别", true, ["类别", "受助人类别", "category"]),
        ("kind", "类型", true, ["类型", "心愿类型", "kind"]),
        ("districtCode", "所在区", true, ["所在区", "区", "区县", "district", "districtcode", "district_code"]),
        ("content", "心愿内容", true, ["心愿内容", "心愿", "content"]),
        ("estimatedCost", "预估费用", true, ["预估费用", "预估金额", "费用", "金额", "estimatedcost", "estimated_cost", "cost"]),
    ];

    private readonly Dictionary<string, int> _index;

    private ImportColumns(Dictionary<string, int> index) => _index = index;

    public static IReadOnlyList<string> Labels => Known.Select(k => k.Label).ToList();

    /// <summary>An example row for the template, in the order of <see cref="Labels"/>.</summary>
    public const string ExampleRow = "王秀英,13812345678,鼓楼区中山路1号,,孤寡老人,物品,鼓楼区,想要一个电暖器过冬,120";

    /// <summary>Null and the labels of the missing required columns when the header lacks any.</summary>
    public static ImportColumns? FromHeader(string[] header, out IReadOnlyList<string> missing)
    {
        var index = CsvText.MapHeader(header, Known, out missing);
        return index is null ? null : new ImportColumns(index);
    }

    /// <summary>The row as a submission; a cell that cannot be read at all (cost "abc") is reported instead.</summary>
    public WishSubmission ToSubmission(string[] fields, IReadOnlyList<CodeName> districts, List<string> errors)
    {
        var costText = Cell(fields, "estimatedCost").Replace("元", "").Replace("¥", "").Replace("￥", "").Trim();
        if (!decimal.TryParse(costText, System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var cost))
            errors.Add($"预估费用“{costText}”不是金额。");
        var category = Cell(fields, "category");
        var categoryCode = Categories.All.FirstOrDefault(c => c.Code == category || c.Name == category)?.Code ?? category;
        var kind = Cell(fields, "kind") switch { "物品" or "实物" => "goods", "服务" => "service", var k => k.ToLowerInvariant() };
        var district = Cell(fields, "districtCode");
        var districtCode = districts.FirstOrDefault(d => d.Code == district || d.Name == district)?.Code ?? district;
        return new WishSubmission(WishChannel.Import,
            new BeneficiaryDetails(Cell(fields, "name"), Cell(fields, "phone"), Optional(fields, "address"), Optional(fields, "idNumber")),
            categoryCode, kind, districtCode, Cell(fields, "content"), cost);
    }

    private string Cell(string[] fields, string key) =>
        _index.TryGetValue(key, out var i) && i < fields.Length ? fields[i].Trim() : "";

    private string? Optional(string[] fields, string key) => Cell(fields, key) is { Length: > 0 } value ? value : null;
}
