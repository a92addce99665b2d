namespace WeChatWish.Api.Data.Configurations;

/// <summary>SQL fragments for partial indexes, built from names so a rename cannot silently break a filter.</summary>
internal static class Sql
{
    public static string Is<TEnum>(string column, TEnum value) where TEnum : struct, Enum => $"\"{column}\" = '{value}'";
}
