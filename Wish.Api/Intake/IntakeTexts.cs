using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;
using WeChatWish.Api.ReferenceData;
using WeChatWish.Domain;

namespace WeChatWish.Api.Intake;

/// <summary>
/// Everything the account says. Short lines, plain words and numbered choices: many beneficiaries are elderly and read on old
/// phones. Every reply stays under <see cref="MaxReplyLength"/> characters.
/// </summary>
public sealed class IntakeTexts(IOptions<IntakeOptions> options)
{
    public const int MaxReplyLength = 600;

    private string HotlineLine => string.IsNullOrWhiteSpace(options.Value.HotlinePhone) ? "" : $"\n热线电话：{options.Value.HotlinePhone}";

    public string Menu =>
        "您好，这里是微心愿。请回复：\n心愿 — 留下一个小心愿\n查询 — 看心愿进度\n取消 — 放弃正在填写的心愿\n我能帮忙 — 为邻居提供一项服务\n可以打字，也可以发语音。" + HotlineLine;

    public string Welcome =>
        "感谢关注微心愿！\n生活有困难，可以在这里留下一个小心愿（100元左右的物品或帮助，如书包、取暖器、修电器）。工作人员核实后，会请志愿者帮您实现。\n" +
        "1. 发送“心愿”，按提示一步步回答\n2. 发送“查询”看进度\n可以打字，也可以发语音。" +
        (string.IsNullOrWhiteSpace(options.Value.HotlinePhone) ? "" : $"\n不方便操作，请拨打热线 {options.Value.HotlinePhone}，工作人员帮您登记。");

    public const string Started = "好的，我们一步一步来。随时发送“取消”可以放弃。";
    public const string AlreadyFilling = "您正在填写心愿，接着回答就行：";
    public const string Cancelled = "好的，这次填写的内容已删除。想留心愿时，再发送“心愿”。";
    public const string NothingToCancel = "您现在没有正在填写的心愿。\n要撤回已提交的心愿，请发送“取消”加编号，例如：取消 W202612-0001";
    public const string Busy = "系统正忙，请过一会儿再发一次。";
    public const string SlowDown = "您发消息太快了，请休息一分钟再发。前面说的内容都已记下。";
    public const string PreviousStillRunning = "上一条消息还在处理，请等几秒再发。";
    public const string UnheardVoice = "抱歉，没听清您的语音，请再说一遍，或者打字发送。";
    public const string OnlyTextVoicePhotos = "这里只能收文字、语音和照片。";
    public const string ConfirmHow = "请回复“确认”提交；要改哪一项，回复“修改”加序号，例如：修改5；不要了回复“取消”。";
    public const string EditNeedsNumber = "请在“修改”后面加上序号（1到7），例如：修改5";
    public const string PhotoOutsideDraft = "想给心愿配照片，请先发送“心愿”开始填写，填写时发照片就行。";
    public const string NotFinished = "还有几项没填完，请先回答：";
    public const string NameNotNumber = "这一步请告诉我们您的姓名，例如：王秀英。手机号下一步再填。";

    public static string ResumeOffer(Draft draft) =>
        $"您上次的心愿还没填完{(draft.Content is null ? "" : $"（{Shorten(draft.Content, 20)}）")}。\n回复 1 接着填\n回复 2 重新开始";

    public static string PhotoAdded(int count) => $"照片收到了（共{count}张），会和心愿一起提交。";

    public static string TooManyPhotos => $"每个心愿最多{Wish.MaxPhotos}张照片，这张没有加上。";

    public string Question(DraftField field, IReadOnlyList<CodeName> districts) => field switch
    {
        DraftField.Category => "您属于哪一类？请回复数字：\n" + Numbered(Categories.All.Select(c => c.Name)),
        DraftField.District => "您住在哪个区？请回复数字：\n" + Numbered(districts.Select(d => d.Name)),
        DraftField.Name => "请告诉我们您的姓名。",
        DraftField.Phone => "请留下您的手机号码（11位），方便志愿者联系您。",
        DraftField.Content => "请说说您的心愿：想要什么物品，或者需要什么帮助？可以打字，也可以发语音。例如：想要一个书包。",
        DraftField.Cost => "这个心愿大概要花多少钱？回复数字就行，例如：80",
        DraftField.Kind => "您需要的是：\n1 物品\n2 服务（如维修、辅导、陪伴）",
        _ => Menu,
    };

    public string Summary(Draft draft, IReadOnlyList<CodeName> districts)
    {
        var text = new StringBuilder("请核对您的心愿：\n");
        text.Append("1 类别：").Append(CategoryName(draft.Category)).Append('\n');
        text.Append("2 所在区：").Append(districts.FirstOrDefault(d => d.Code == draft.DistrictCode)?.Name ?? draft.DistrictCode).Append('\n');
        text.Append("3 姓名：").Append(draft.Name).Append('\n');
        text.Append("4 手机：").Append(draft.Phone).Append('\n');
        text.Append("5 心愿：").Append(Shorten(draft.Content ?? "", 80)).Append('\n');
        text.Append("6 费用：约").Append(Yuan(draft.Cost ?? 0)).Append("元\n");
        text.Append("7 类型：").Append(draft.Kind == "service" ? "服务" : "物品").Append('\n');
        if (draft.Photos.Count > 0) text.Append("照片：").Append(draft.Photos.Count).Append("张\n");
        return text.Append(ConfirmHow).ToString();
    }

    public static string CategoryName(string? code) => Categories.All.FirstOrDefault(c => c.Code == code)?.Name ?? "";

    public static string Yuan(decimal amount) => amount.ToString("0.##", CultureInfo.InvariantCulture);

    public static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    /// <summary>Lines joined, cut to the reply limit as a last resort (lists are kept short so this should never bite).</summary>
    public static string Join(params string?[] parts)
    {
        var text = string.Join("\n", parts.Where(p => !string.IsNullOrWhiteSpace(p)));
        return text.Length < MaxReplyLength ? text : text[..(MaxReplyLength - 2)] + "…";
    }

    private static string Numbered(IEnumerable<string> names) => string.Join("\n", names.Select((n, i) => $"{i + 1} {n}"));
}
