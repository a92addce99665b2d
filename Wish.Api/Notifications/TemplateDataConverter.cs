using System.Text.Json;
using System.Text.Json.Serialization;

namespace WeChatWish.Api.Notifications;

/// <summary>
/// Template data as <c>{"thing1": "…"}</c>, or in WeChat's own shape <c>{"thing1": {"value": "…"}}</c>, which staff copy from
/// WeChat's documentation; both read as the same field-to-text map. Anything else is refused saying which shapes to use.
/// </summary>
public sealed class TemplateDataConverter : JsonConverter<Dictionary<string, string>>
{
    public const string Shapes = "模板数据应为 {\"字段\": \"文本\"}，或微信的 {\"字段\": {\"value\": \"文本\"}}。";

    public override Dictionary<string, string>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null) return null;
        if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException(Shapes);
        var data = new Dictionary<string, string>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var key = reader.GetString()!;
            reader.Read();
            data[key] = reader.TokenType switch
            {
                JsonTokenType.String => reader.GetString()!,
                JsonTokenType.StartObject => ReadWeChatValue(ref reader),
                _ => throw new JsonException(Shapes),
            };
        }
        return data;
    }

    private static string ReadWeChatValue(ref Utf8JsonReader reader)
    {
        string? value = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var name = reader.GetString();
            reader.Read();
            if (name == "value" && reader.TokenType == JsonTokenType.String) value = reader.GetString();
            else if (name == "value" || reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray) throw new JsonException(Shapes);
        }
        return value ?? throw new JsonException(Shapes);
    }

    public override void Write(Utf8JsonWriter writer, Dictionary<string, string> value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var (key, text) in value) writer.WriteString(key, text);
        writer.WriteEndObject();
    }
}
