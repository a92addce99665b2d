using System.Text.Json.Nodes;

namespace WeChatWish.WeChat;

/// <summary>A custom menu button: a leaf with a type, or a group of up to five sub-buttons.</summary>
public sealed record MenuButton(string Name)
{
    /// <summary>WeChat's button type: click, view, miniprogram, scancode_push, ...; null for a group.</summary>
    public string? Type { get; init; }

    public string? Key { get; init; }

    public string? Url { get; init; }

    public string? AppId { get; init; }

    public string? PagePath { get; init; }

    public IReadOnlyList<MenuButton>? SubButtons { get; init; }

    public static MenuButton Click(string name, string key) => new(name) { Type = "click", Key = key };

    public static MenuButton View(string name, string url) => new(name) { Type = "view", Url = url };

    /// <summary>Opens a mini-program page; <paramref name="fallbackUrl"/> serves clients too old for mini-programs.</summary>
    public static MenuButton MiniProgram(string name, string appId, string pagePath, string fallbackUrl) =>
        new(name) { Type = "miniprogram", AppId = appId, PagePath = pagePath, Url = fallbackUrl };

    public static MenuButton Group(string name, params MenuButton[] subButtons) => new(name) { SubButtons = subButtons };

    internal JsonObject ToJson()
    {
        var json = new JsonObject { ["name"] = Name };
        if (Type is not null) json["type"] = Type;
        if (Key is not null) json["key"] = Key;
        if (Url is not null) json["url"] = Url;
        if (AppId is not null) json["appid"] = AppId;
        if (PagePath is not null) json["pagepath"] = PagePath;
        if (SubButtons is not null) json["sub_button"] = new JsonArray([.. SubButtons.Select(b => (JsonNode)b.ToJson())]);
        return json;
    }
}
