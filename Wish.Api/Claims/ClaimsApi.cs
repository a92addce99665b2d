using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using WeChatWish.Api.Auth;
using WeChatWish.Api.Infrastructure;
using WeChatWish.Api.Volunteers;
using WeChatWish.Domain;

namespace WeChatWish.Api.Claims;

/// <summary>Claiming a wish, and the volunteer's own claims: list, release, fulfil.</summary>
public static class ClaimsApi
{
    public static IEndpointRouteBuilder MapClaims(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Volunteers").RequireAuthorization(Policies.Volunteer).WithValidation();
        api.MapPost("/wishes/{id:guid}/claim", ClaimWish)
            .WithSummary("Claims a published wish: 201 with the beneficiary's contact; 200 with the same claim if the caller already holds it; 409 taken; 422 rules")
            .ProducesProblem(409).ProducesProblem(422).ProducesProblem(404);
        api.MapGet("/claims/{id:guid}", GetClaim).WithSummary("One of the volunteer's claims").ProducesProblem(403).ProducesProblem(404);
        api.MapGet("/me/claims", ListClaims).WithSummary("The volunteer's claims, active first; contact details only on active ones");
        api.MapPost("/claims/{id:guid}/release", Release)
            .WithSummary("Gives the wish back; it returns to Published").ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        api.MapPost("/claims/{id:guid}/fulfilment", Fulfil)
            .WithSummary("Reports the wish fulfilled (note, photos, minutes); adds a provisional service-record entry")
            .ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        return app;
    }

    private static async Task<Results<Created<ClaimResponse>, Ok<ClaimResponse>, ProblemHttpResult>> ClaimWish(
        Guid id, ClaimsPrincipal user, ClaimService claims, CancellationToken cancellationToken)
    {
        var outcome = await claims.ClaimAsync(id, user.UserId(), cancellationToken);
        if (outcome is null) return VolunteerAccess.Problem(StatusCodes.Status409Conflict, ClaimService.TakenTitle, DomainErrorCodes.WishAlreadyClaimed);
        return outcome.Created
            ? TypedResults.Created($"/api/claims/{outcome.Claim.Id}", outcome.Claim)
            : TypedResults.Ok(outcome.Claim);
    }

    private static async Task<Ok<ClaimList>> ListClaims(ClaimsPrincipal user, MyClaimsService claims, CancellationToken cancellationToken) =>
        TypedResults.Ok(new ClaimList(await claims.ListAsync(user.UserId(), cancellationToken)));

    private static async Task<Results<Ok<ClaimResponse>, ProblemHttpResult>> GetClaim(
        Guid id, ClaimsPrincipal user, MyClaimsService claims, CancellationToken cancellationToken) =>
        Answer(await claims.GetAsync(id, user.UserId(), cancellationToken));

    private static async Task<Results<Ok<ClaimResponse>, ProblemHttpResult>> Release(
        Guid id, ReleaseRequest request, ClaimsPrincipal user, MyClaimsService claims, CancellationToken cancellationToken) =>
        Answer(await claims.ReleaseAsync(id, user.UserId(), request.Reason, cancellationToken));

    private static async Task<Results<Ok<ClaimResponse>, ProblemHttpResult>> Fulfil(
        Guid id, FulfilmentRequest request, ClaimsPrincipal user, MyClaimsService claims, CancellationToken cancellationToken) =>
        Answer(await claims.FulfilAsync(id, user.UserId(), request, cancellationToken));

    private static Results<Ok<ClaimResponse>, ProblemHttpResult> Answer(ClaimResponse? claim) => claim is null
        ? VolunteerAccess.Problem(StatusCodes.Status403Forbidden, "这不是您认领的心愿。", "claim.not_yours")
        : TypedResults.Ok(claim);
}
