using System.Text.RegularExpressions;
using FluentValidation;
using WeChatWish.Api.ReferenceData;
using WeChatWish.Api.Wishes;
using WeChatWish.Domain;

namespace WeChatWish.Api.Intake;

/// <summary>
/// Reads one answer into the draft. Each answer is checked by the shared <see cref="WishSubmissionValidator"/>, limited to
/// the property it fills, so the conversation refuses exactly what the staff entry path refuses, in the same words.
/// </summary>
public sealed partial class DraftSteps(IValidator<WishSubmission> validator, IntakeTexts texts)
{
    private static readonly (string Word, string Code)[] CategoryWords =
    [
        ("学生", "poor_student"), ("上学", "poor_student"), ("低保", "dibao"), ("孤寡", "elderly_alone"), ("独居", "elderly_alone"),
        ("空巢", "elderly_alone"), ("党员", "party_member_hardship"), ("环卫", "sanitation_worker"), ("清洁工", "sanitation_worker"),
        ("残疾", "disabled"), ("残障", "disabled"), ("留守", "left_behind_child"), ("贫困", "poor_household"), ("困难户", "poor_household"),
        ("其他", "other"), ("其它", "other"),
    ];

    /// <summary>Words that make a wish a service rather than goods; everything else is taken as goods (DESIGN: kind goods/service).</summary>
    private static readonly string[] ServiceWords =
        ["修", "辅导", "补习", "补课", "陪", "打扫", "清洁", "保洁", "上门", "体检", "照顾", "看望", "探望", "家政", "安装", "护理", "理发", "剪发", "按摩", "理疗", "搬家", "代办", "聊天", "上课", "教"];

    private static readonly Dictionary<DraftField, string> Properties = new()
    {
        [DraftField.Category] = nameof(WishSubmission.Category),
        [DraftField.District] = nameof(WishSubmission.DistrictCode),
        [DraftField.Name] = "Beneficiary.Name",
        [DraftField.Phone] = "Beneficiary.Phone",
        [DraftField.Content] = nameof(WishSubmission.Content),
        [DraftField.Cost] = nameof(WishSubmission.EstimatedCost),
        [DraftField.Kind] = nameof(WishSubmission.Kind),
    };

    /// <summary>Puts the answer into the draft; returns what to say instead when it is refused (the draft keeps its old value).</summary>
    public async Task<string?> AnswerAsync(Draft draft, DraftField field, string text, IReadOnlyList<CodeName> districts, CancellationToken ct)
    {
        var trial = Copy(draft);
        switch (field)
        {
            case DraftField.Category: trial.Category = CategoryCode(text) ?? ""; break;
            case DraftField.District: trial.DistrictCode = DistrictCode(text, districts) ?? ""; break;
            case DraftField.Name:
                if (ChineseInput.PhoneDigits(text).Length >= 5) return IntakeTexts.NameNotNumber;
                trial.Name = NamePrefix().Replace(text, "").Trim();
                break;
            case DraftField.Phone: trial.Phone = ChineseInput.PhoneDigits(text); break;
            case DraftField.Content: SetContent(trial, text); break;
            case DraftField.Cost: trial.Cost = ChineseInput.Amount(text) ?? 0; break;
            case DraftField.Kind:
                trial.Kind = KindCode(text) ?? "";
                trial.KindChosen = true;
                break;
        }
        var problem = await CheckAsync(trial, field, ct);
        if (problem is not null)
            return field is DraftField.Category or DraftField.District or DraftField.Kind ? problem + "\n" + texts.Question(field, districts) : problem;
        CopyInto(trial, draft);
        return null;
    }

    /// <summary>The one-line shortcut's text ("想要一个书包 80元 13812345678"): fills what passes the checks, returns what did not.</summary>
    public async Task<IReadOnlyList<string>> ApplyShortcutAsync(Draft draft, string text, CancellationToken ct)
    {
        var problems = new List<string>();
        var rest = text;
        if (MobileIn().Match(rest) is { Success: true } phone)
        {
            rest = rest.Remove(phone.Index, phone.Length);
            await TryAsync(draft, DraftField.Phone, d => d.Phone = phone.Value, problems, ct);
        }
        var amount = ChineseInput.AmountWithUnit(rest);
        if (amount is null && TrailingNumber().Match(rest) is { Success: true } trailing)
            amount = (decimal.Parse(trailing.Groups["n"].Value, System.Globalization.CultureInfo.InvariantCulture), trailing.Index, trailing.Length);
        if (amount is { } found)
        {
            rest = rest.Remove(found.Index, found.Length);
            await TryAsync(draft, DraftField.Cost, d => d.Cost = found.Value, problems, ct);
        }
        var content = rest.Trim(' ', ',', '，', '、', ';', '；', ':', '：');
        if (content.Length > 0) await TryAsync(draft, DraftField.Content, d => SetContent(d, content), problems, ct);
        return problems;
    }

    /// <summary>The whole draft through the validator; the first field that fails and why.</summary>
    public async Task<(DraftField Field, string Message)?> CheckAllAsync(Draft draft, CancellationToken ct)
    {
        foreach (var field in Draft.AskedInOrder.Append(DraftField.Kind))
            if (await CheckAsync(draft, field, ct) is { } problem) return (field, problem);
        return null;
    }

    /// <summary>Forgets remembered details that no longer pass (a landline from the hotline, a district since removed).</summary>
    public async Task DropInvalidAsync(Draft draft, CancellationToken ct)
    {
        if (draft.Name is not null && await CheckAsync(draft, DraftField.Name, ct) is not null) draft.Name = null;
        if (draft.Phone is not null && await CheckAsync(draft, DraftField.Phone, ct) is not null) draft.Phone = null;
        if (draft.DistrictCode is not null && await CheckAsync(draft, DraftField.District, ct) is not null) draft.DistrictCode = null;
    }

    public static WishSubmission ToSubmission(Draft draft, string? openId) => new(
        WishChannel.Wechat, new BeneficiaryDetails(draft.Name ?? "", draft.Phone ?? ""), draft.Category ?? "", draft.Kind ?? "",
        draft.DistrictCode ?? "", draft.Content ?? "", draft.Cost ?? 0, draft.Photos.Select(p => new PhotoInput(p.MediaId, p.PicUrl)).ToList(), openId);

    public static string GuessKind(string content) => ServiceWords.Any(content.Contains) ? "service" : "goods";

    private async Task TryAsync(Draft draft, DraftField field, Action<Draft> set, List<string> problems, CancellationToken ct)
    {
        var trial = Copy(draft);
        set(trial);
        if (await CheckAsync(trial, field, ct) is { } problem) problems.Add(problem);
        else CopyInto(trial, draft);
    }

    private async Task<string?> CheckAsync(Draft draft, DraftField field, CancellationToken ct)
    {
        var result = await validator.ValidateAsync(ToSubmission(draft, null), o => o.IncludeProperties(Properties[field]), ct);
        return result.IsValid ? null : result.Errors[0].ErrorMessage;
    }

    private static void SetContent(Draft draft, string content)
    {
        draft.Content = content.Trim();
        if (!draft.KindChosen) draft.Kind = GuessKind(draft.Content);
    }

    private static string? CategoryCode(string text)
    {
        if (ChineseInput.ChoiceNumber(text) is { } n) return n >= 1 && n <= Categories.All.Count ? Categories.All[n - 1].Code : null;
        return Categories.All.FirstOrDefault(c => text.Contains(c.Name))?.Code ?? CategoryWords.FirstOrDefault(w => text.Contains(w.Word)).Code;
    }

    internal static string? DistrictCode(string text, IReadOnlyList<CodeName> districts)
    {
        if (ChineseInput.ChoiceNumber(text) is { } n) return n >= 1 && n <= districts.Count ? districts[n - 1].Code : null;
        return districts.FirstOrDefault(d => text.Contains(d.Name) || (d.Name.TrimEnd('区') is { Length: >= 2 } shortName && text.Contains(shortName)))?.Code;
    }

    private static string? KindCode(string text) =>
        ChineseInput.ChoiceNumber(text) switch
        {
            1 => "goods",
            2 => "service",
            _ => text.Contains("物品") || text.Contains("东西") ? "goods" : text.Contains("服务") || text.Contains("帮忙") ? "service" : null,
        };

    private static Draft Copy(Draft d) => new()
    {
        Category = d.Category, DistrictCode = d.DistrictCode, Name = d.Name, Phone = d.Phone, Content = d.Content, Cost = d.Cost,
        Kind = d.Kind, KindChosen = d.KindChosen, Photos = [.. d.Photos],
    };

    private static void CopyInto(Draft from, Draft to)
    {
        to.Category = from.Category; to.DistrictCode = from.DistrictCode; to.Name = from.Name; to.Phone = from.Phone;
        to.Content = from.Content; to.Cost = from.Cost; to.Kind = from.Kind; to.KindChosen = from.KindChosen; to.Photos = from.Photos;
    }

    [GeneratedRegex("^(?:我叫|我是|我姓名是|姓名是|姓名|名字是|名字)[:：]?")]
    private static partial Regex NamePrefix();

    [GeneratedRegex("1[3-9][0-9]{9}")]
    private static partial Regex MobileIn();

    [GeneratedRegex(@"\s(?<n>[0-9]{1,6}(?:\.[0-9]{1,2})?)$")]
    private static partial Regex TrailingNumber();
}
