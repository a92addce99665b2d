namespace WeChatWish.Api.Infrastructure;

/// <summary>
/// Redis Cluster hashes only what lies between a key's first '{' and the first '}' after it, when that is not empty: keys
/// sharing a tag share a slot, and a script may touch several keys only if they do. An id written into a tag as it is would
/// break that when it contains '}' ("intake:{}o}:conv" has an empty tag, so the whole key is hashed and a person's keys
/// scatter), so braces (and '%', the escape) are percent-encoded. Ids without them (every real openid) are unchanged.
/// </summary>
public static class RedisHashTag
{
    public static string For(string id)
    {
        if (id.Length == 0) return "{%}";
        if (id.AsSpan().IndexOfAny('{', '}', '%') < 0) return "{" + id + "}";
        return "{" + id.Replace("%", "%25").Replace("{", "%7B").Replace("}", "%7D") + "}";
    }
}
