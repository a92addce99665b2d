namespace WeChatWish.Domain;

/// <summary>
/// Someone who follows (or followed) the official account, known from the subscribe and unsubscribe events whether or not
/// they ever left a wish: template messages go to followers only, and "all followers" is a recipient list.
/// </summary>
public sealed class Follower
{
    public const int SceneMaxLength = 64;

    private Follower()
    {
    }

    public string OpenId { get; private set; } = "";

    public bool IsFollowing { get; private set; }

    /// <summary>The latest follow; null for someone seen only unfollowing (they followed before events were recorded).</summary>
    public DateTimeOffset? SubscribedAt { get; private set; }

    public DateTimeOffset? UnsubscribedAt { get; private set; }

    /// <summary>The parametric QR code's scene of the latest follow (e.g. a community's poster), when there was one.</summary>
    public string? Scene { get; private set; }

    public static Follower Subscribed(string openId, string? scene, DateTimeOffset at)
    {
        var follower = New(openId);
        follower.Subscribe(scene, at);
        return follower;
    }

    public static Follower Unsubscribed(string openId, DateTimeOffset at)
    {
        var follower = New(openId);
        follower.Unsubscribe(at);
        return follower;
    }

    /// <summary>A follow; an event older than the latest unfollow arrived late and changes nothing.</summary>
    public void Subscribe(string? scene, DateTimeOffset at)
    {
        var utc = Guard.Utc(at);
        if (UnsubscribedAt > utc) return;
        IsFollowing = true;
        SubscribedAt = utc;
        Scene = Guard.OptionalText(scene, "scene", "关注场景", SceneMaxLength);
    }

    public void Unsubscribe(DateTimeOffset at)
    {
        var utc = Guard.Utc(at);
        if (SubscribedAt > utc) return;
        IsFollowing = false;
        UnsubscribedAt = utc;
    }

    private static Follower New(string openId) =>
        new() { OpenId = Guard.Text(openId, "openId", "openid", Beneficiary.OpenIdMaxLength) };
}
