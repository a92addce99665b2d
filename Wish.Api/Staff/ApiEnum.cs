using System.Text.Json;

namespace WeChatWish.Api.Staff;

/// <summary>Enum values from query strings and CSV cells in their API spelling (<c>district_coordinator</c>), never numbers.</summary>
public static class ApiEnum
{
    public static T? Parse<T>(string? value) where T : struct, Enum =>
        value is null ? null : Enum.GetValues<T>().Cast<T?>().FirstOrDefault(v => Name(v!.Value) == value.Trim());

    public static string Name<T>(T value) where T : struct, Enum => JsonNamingPolicy.SnakeCaseLower.ConvertName(value.ToString());
}
