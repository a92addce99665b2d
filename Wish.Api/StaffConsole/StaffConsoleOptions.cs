namespace WeChatWish.Api.StaffConsole;

/// <summary>The <c>StaffConsole</c> section: where the published console's files are (deploy/console.sh writes them).</summary>
public sealed class StaffConsoleOptions
{
    public const string SectionName = "StaffConsole";

    /// <summary>The published <c>wwwroot</c> of Wish.Console; relative paths start at the content root.</summary>
    public string Root { get; set; } = "../Wish.Console/bin/publish/wwwroot";
}
