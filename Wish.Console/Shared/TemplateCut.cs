using System.Globalization;

namespace WeChatWish.Console.Shared;

/// <summary>
/// A template value as WeChat shows it: the API cuts each value at the template's length in whole characters (grapheme
/// clusters, as its TemplateText does), so the page shows the same cut before sending.
/// </summary>
public static class TemplateCut
{
    public static (string Kept, string Cut) Split(string? value, int max)
    {
        if (string.IsNullOrEmpty(value)) return ("", "");
        var info = new StringInfo(value);
        if (info.LengthInTextElements <= max) return (value, "");
        var kept = info.SubstringByTextElements(0, max);
        return (kept, value[kept.Length..]);
    }

    public static int Length(string? value) => string.IsNullOrEmpty(value) ? 0 : new StringInfo(value).LengthInTextElements;

    public static string FieldName(string field) => field switch
    {
        "code" => "心愿编号", "status" => "状态", "time" => "时间", "note" => "备注", "title" => "标题", _ => field,
    };

    public static string TemplateName(string key) => key switch
    {
        "wish.verified" => "心愿审核通过", "wish.claimed" => "心愿已被认领", "wish.fulfilled" => "心愿已实现",
        "round.published" => "新一轮心愿发布", "claim.reminder" => "认领到期提醒", "claim.expired" => "认领已过期",
        "claim.revoked" => "认领已撤销", _ => key,
    };

    public static string ChannelName(string channel) => channel == "mini_program" ? "小程序订阅消息（志愿者）" : "公众号模板消息（受助人/关注者）";

    public static string ReasonName(string reason) => reason switch
    {
        "unsubscribed" => "已取消关注", "not_following" => "未关注公众号", "not_subscribed" => "未订阅该消息", "busy" => "微信繁忙",
        _ when reason.StartsWith("errcode_", StringComparison.Ordinal) => "微信错误码 " + reason["errcode_".Length..],
        _ => reason,
    };
}
