namespace WeChatWish.Api.Volunteers;

public static class VolunteersExtensions
{
    /// <summary>Sign-in, profile and service record: the volunteer's own side of the mini-program.</summary>
    public static IEndpointRouteBuilder MapVolunteers(this IEndpointRouteBuilder app) =>
        app.MapSignIn().MapProfile().MapServiceRecord();
}
