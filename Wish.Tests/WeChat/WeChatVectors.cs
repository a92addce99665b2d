using System.Text;
using System.Text.Json;

namespace WeChatWish.Tests.WeChat;

/// <summary>One entry of wechat-vectors.json; every entry names the public source it was taken from.</summary>
public sealed class WeChatVector(JsonElement entry)
{
    public string Id => Get("id");
    public string Source => Get("source");
    public string Kind => Get("kind");

    public bool Has(string field) => entry.TryGetProperty(field, out _);

    public string Get(string field) =>
        entry.TryGetProperty(field, out var value) ? value.ToString() : throw new KeyNotFoundException($"{Id} has no '{field}'");

    /// <summary>The vectors write the 16-byte random prefix as 16 ASCII characters.</summary>
    public byte[] Ascii(string field) => Encoding.ASCII.GetBytes(Get(field));

    public override string ToString() => Id;
}

public static class WeChatVectors
{
    private static readonly Lazy<IReadOnlyList<WeChatVector>> Loaded = new(Load);

    public static IReadOnlyList<WeChatVector> All => Loaded.Value;

    /// <summary>Test cases for every vector carrying all the given fields, named by id and source.</summary>
    public static IEnumerable<TestCaseData> With(params string[] fields) =>
        All.Where(v => fields.All(v.Has))
            .Select(v => new TestCaseData(v).SetArgDisplayNames(v.Id).SetDescription($"{v.Kind}; source: {v.Source}"));

    private static IReadOnlyList<WeChatVector> Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "WeChat", "wechat-vectors.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return document.RootElement.EnumerateArray().Select(e => new WeChatVector(e.Clone())).ToList();
    }
}
