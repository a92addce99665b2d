namespace WeChatWish.Domain;

/// <summary>Input checks shared by the entities; each throws a <see cref="DomainValidationException"/> naming the field.</summary>
internal static class Guard
{
    public static string Text(string? value, string field, string label, int maxLength, int minLength = 1)
    {
        var text = value?.Trim() ?? "";
        if (text.Length == 0 && minLength > 0)
            throw new DomainValidationException(DomainErrorCodes.Required, field, $"{label}不能为空。");
        if (text.Length < minLength)
            throw new DomainValidationException(DomainErrorCodes.TooShort, field, $"{label}至少需要{minLength}个字。");
        if (text.Length > maxLength)
            throw new DomainValidationException(DomainErrorCodes.TooLong, field, $"{label}不能超过{maxLength}个字。");
        return text;
    }

    /// <summary>Blank becomes null, so optional text is either absent or meaningful.</summary>
    public static string? OptionalText(string? value, string field, string label, int maxLength) =>
        string.IsNullOrWhiteSpace(value) ? null : Text(value, field, label, maxLength);

    public static int Range(int value, string field, string label, int min, int max) =>
        value < min || value > max
            ? throw new DomainValidationException(DomainErrorCodes.OutOfRange, field, $"{label}应在{min}到{max}之间。")
            : value;

    /// <summary>PostgreSQL timestamptz accepts only UTC offsets from Npgsql, so every stored time is normalised here.</summary>
    public static DateTimeOffset Utc(DateTimeOffset at) => at.ToUniversalTime();
}
