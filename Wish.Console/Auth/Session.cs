using System.Text.Json;
using Microsoft.JSInterop;

namespace WeChatWish.Console.Auth;

/// <summary>Who is signed in: the staff token and what <c>GET /api/admin/auth/me</c> said, kept in the browser's storage.</summary>
public sealed class Session(IJSRuntime js)
{
    private const string StorageKey = "wechatwish.console.session";
    private bool _loaded;

    public SignedIn? Current { get; private set; }

    public bool IsSignedIn => Current is not null;
    public bool IsAdmin => Current?.Role == StaffRoles.Admin;
    public bool IsCoordinator => Current?.Role == StaffRoles.DistrictCoordinator;

    public event Action? Changed;

    public async Task LoadAsync()
    {
        if (_loaded) return;
        _loaded = true;
        var json = await js.InvokeAsync<string?>("wishConsole.load", StorageKey);
        if (string.IsNullOrEmpty(json)) return;
        try { Current = JsonSerializer.Deserialize<SignedIn>(json); }
        catch (JsonException) { Current = null; }
        if (Current is { } s && s.ExpiresAt <= DateTimeOffset.UtcNow) Current = null;
    }

    public async Task SignInAsync(SignedIn signedIn)
    {
        Current = signedIn;
        _loaded = true;
        await js.InvokeVoidAsync("wishConsole.save", StorageKey, JsonSerializer.Serialize(signedIn));
        Changed?.Invoke();
    }

    public async Task SignOutAsync()
    {
        Current = null;
        await js.InvokeVoidAsync("wishConsole.remove", StorageKey);
        Changed?.Invoke();
    }
}

/// <summary>What sign-in and a password change answer.</summary>
public sealed record SignInAnswer(string AccessToken, DateTimeOffset ExpiresAt, string Role, Guid Id, string UserName, string? DistrictCode)
{
    public SignedIn ToSession() => new(AccessToken, ExpiresAt, Id, UserName, Role, DistrictCode);
}

public sealed record SignedIn(string Token, DateTimeOffset ExpiresAt, Guid Id, string UserName, string Role, string? DistrictCode);

public static class StaffRoles
{
    public const string Admin = "admin";
    public const string Reviewer = "reviewer";
    public const string DistrictCoordinator = "district_coordinator";

    public static string Name(string? role) => role switch
    {
        Admin => "管理员",
        Reviewer => "审核员",
        DistrictCoordinator => "区协调员",
        _ => role ?? "",
    };
}
