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
        // The claim checks its volunteer in its own transaction, which reads the row anyway: the policy's look-up would add a
        // query ahead of the Redis gate that turns most of a claim storm away without one.
        app.MapPost("/api/wishes/{id:guid}/claim", ClaimWish).WithTags("Volunteers").RequireAuthorization(Policies.VolunteerToken)
            .WithSummary("Claims a published wish: 201 with the beneficiary's contact; 200 with the same claim if the caller already holds it; 409 taken; 422 rules. "
                + "A leader's body {organisationId} claims it for the team (多对一), under the same one-claim-per-wish rule; 403 if they do not lead it")
            .ProducesProblem(403).ProducesProblem(409).ProducesProblem(422).ProducesProblem(404);
        var api = app.MapGroup("/api").WithTags("Volunteers").RequireAuthorization(Policies.Volunteer).WithValidation();
        api.MapGet("/claims/{id:guid}", GetClaim).WithSummary("One of the volunteer's claims").ProducesProblem(403).ProducesProblem(404);
        api.MapGet("/me/claims", ListClaims).WithSummary("The volunteer's claims, active first; contact details only on active ones");
        api.MapPost("/claims/{id:guid}/release", Release)
            .WithSummary("Gives the wish back; it returns to Published").ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        api.MapPost("/claims/{id:guid}/fulfilment", Fulfil)
            .WithSummary("Reports the wish fulfilled (note, photos, minutes); adds a provisional service-record entry")
            .ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        api.MapPost("/claims/{id:guid}/members", Assign)
            .WithSummary("The leader of a team claim assigns members {volunteerIds}: they see the contact while it is active and get their own minutes")
            .ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(422);
        api.MapDelete("/claims/{id:guid}/members/{volunteerId:guid}", Unassign)
            .WithSummary("The leader takes a member off an active team claim").ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);
        return app;
    }

    private static async Task<Ok<ClaimResponse>> Assign(
        Guid id, AssignMembersRequest request, CurrentVolunteer me, MyClaimsService claims, CancellationToken cancellationToken) =>
        TypedResults.Ok(await claims.AssignAsync(id, me.Id, request.VolunteerIds!, cancellationToken));

    private static async Task<Ok<ClaimResponse>> Unassign(
        Guid id, Guid volunteerId, CurrentVolunteer me, MyClaimsService claims, CancellationToken cancellationToken) =>
        TypedResults.Ok(await claims.UnassignAsync(id, me.Id, volunteerId, cancellationToken));

    private static async Task<Results<Created<ClaimResponse>, Ok<ClaimResponse>, ProblemHttpResult>> ClaimWish(
        Guid id, ClaimRequest? request, CurrentVolunteer me, ClaimService claims, CancellationToken cancellationToken)
    {
        var outcome = await claims.ClaimAsync(id, me.Id, cancellationToken, request?.OrganisationId);
        if (outcome is null)
            return ProblemDetailsExtensions.CodedProblem(StatusCodes.Status409Conflict, DomainErrors.WishAlreadyClaimedMessage, DomainErrorCodes.WishAlreadyClaimed);
        return outcome.Created
            ? TypedResults.Created($"/api/claims/{outcome.Claim.Id}", outcome.Claim)
            : TypedResults.Ok(outcome.Claim);
    }

    private static async Task<Ok<ClaimList>> ListClaims(CurrentVolunteer me, MyClaimsService claims, CancellationToken cancellationToken) =>
        TypedResults.Ok(new ClaimList(await claims.ListAsync(me.Id, cancellationToken)));

    private static async Task<Ok<ClaimResponse>> GetClaim(
        Guid id, CurrentVolunteer me, MyClaimsService claims, CancellationToken cancellationToken) =>
        TypedResults.Ok(await claims.GetAsync(id, me.Id, cancellationToken));

    private static async Task<Ok<ClaimResponse>> Release(
        Guid id, ReleaseRequest request, CurrentVolunteer me, MyClaimsService claims, CancellationToken cancellationToken) =>
        TypedResults.Ok(await claims.ReleaseAsync(id, me.Id, request.Reason, cancellationToken));

    private static async Task<Ok<ClaimResponse>> Fulfil(
        Guid id, FulfilmentRequest request, CurrentVolunteer me, MyClaimsService claims, CancellationToken cancellationToken) =>
        TypedResults.Ok(await claims.FulfilAsync(id, me.Id, request, cancellationToken));
}
