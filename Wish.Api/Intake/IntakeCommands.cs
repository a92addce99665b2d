using System.Text.RegularExpressions;

namespace WeChatWish.Api.Intake;

public enum CommandKind { None, Start, Progress, Help, Cancel, Offer }

/// <summary>A keyword (or custom-menu click) that works at any point; <see cref="Rest"/> is the shortcut's text or a wish code.</summary>
public sealed record IntakeCommand(CommandKind Kind, string Rest = "")
{
    public static readonly IntakeCommand None = new(CommandKind.None);
}

/// <summary>The words and custom-menu keys that reach the flows.</summary>
public static partial class IntakeCommands
{
    /// <summary>Custom-menu CLICK keys; configure the official account's menu with these.</summary>
    public const string MenuNewWish = "WISH_NEW";
    public const string MenuProgress = "WISH_PROGRESS";
    public const string MenuHelp = "WISH_HELP";
    public const string MenuOffer = "OFFER_NEW";

    private static readonly string[] StartWords = ["心愿", "许愿"];
    private static readonly HashSet<string> StartPhrases = ["我要许愿", "我想许愿", "留心愿", "我要留心愿", "新心愿"];
    private static readonly HashSet<string> ProgressWords = ["查询", "进度", "查进度", "查询进度", "我的心愿", "查心愿"];
    private static readonly HashSet<string> HelpWords = ["帮助", "菜单", "说明", "help", "?"];
    private static readonly string[] CancelWords = ["取消", "撤回"];
    private static readonly HashSet<string> OfferWords = ["我能帮忙", "我要帮忙", "提供服务", "我可以帮忙", "我想帮忙"];

    public static IntakeCommand FromMenu(string key) => key switch
    {
        MenuNewWish => new(CommandKind.Start),
        MenuProgress => new(CommandKind.Progress),
        MenuOffer => new(CommandKind.Offer),
        _ => new(CommandKind.Help),
    };

    /// <param name="text">Already normalised (<see cref="ChineseInput.Normalize"/>).</param>
    public static IntakeCommand Parse(string text)
    {
        if (text.Length == 0) return IntakeCommand.None;
        if (StartPhrases.Contains(text)) return new(CommandKind.Start);
        if (ProgressWords.Contains(text)) return new(CommandKind.Progress);
        if (OfferWords.Contains(text)) return new(CommandKind.Offer);
        if (HelpWords.Contains(text.ToLowerInvariant())) return new(CommandKind.Help);
        foreach (var word in CancelWords)
        {
            if (text == word) return new(CommandKind.Cancel);
            if (text.StartsWith(word, StringComparison.Ordinal) && WishCodeIn(text[word.Length..]) is { } code)
                return new(CommandKind.Cancel, code);
        }
        foreach (var word in StartWords)
            if (text.StartsWith(word, StringComparison.Ordinal))
                return new(CommandKind.Start, text[word.Length..].TrimStart(' ', ':', '：', ',', '，', '是'));
        return IntakeCommand.None;
    }

    /// <summary>"W202612-0001" from "w202612-0001", "W 202612 0001" or "W2026120001"; null when it is not a code.</summary>
    public static string? WishCodeIn(string text)
    {
        var match = CodeShape().Match(text.Trim());
        return match.Success ? $"W{match.Groups["round"].Value}-{match.Groups["seq"].Value}" : null;
    }

    [GeneratedRegex(@"^[Ww]\s*(?<round>[0-9]{6})\s*-?\s*(?<seq>[0-9]{4,7})$")]
    private static partial Regex CodeShape();
}
