using MudBlazor;

namespace WeChatWish.Console.Layout;

public static class ConsoleTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight { Primary = "#c0392b", Secondary = "#2d6a9f", AppbarBackground = "#c0392b" },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["Noto Sans CJK SC", "PingFang SC", "Microsoft YaHei", "sans-serif"], FontSize = "0.95rem" },
        },
    };
}
