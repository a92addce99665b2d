using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using System.Text.Json;
using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using WeChatWish.Api.Infrastructure;

namespace WeChatWish.Tests.Service;

/// <summary>Validation is a route group's setting: an endpoint needs no opt-in of its own, and one with nothing to validate has no filter.</summary>
public sealed class RequestValidationTests
{
    public sealed record Probe(string? Name);

    public sealed class ProbeValidator : AbstractValidator<Probe>
    {
        public ProbeValidator() => RuleFor(p => p.Name).NotEmpty().WithMessage("请填写名称。");
    }

    [Test]
    public async Task AnEndpointWhoseArgumentHasAValidatorIsValidatedWithoutOptingIn()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        builder.Services.AddSingleton<IValidator<Probe>, ProbeValidator>();
        await using var app = builder.Build();
        var handled = 0;
        app.MapGroup("/probe").WithValidation().MapPost("/", (Probe probe) =>
        {
            handled++;
            return TypedResults.NoContent();
        });
        await app.StartAsync();
        using var client = app.GetTestClient();

        var invalid = await client.PostAsJsonAsync("/probe", new Probe(""));
        var valid = await client.PostAsJsonAsync("/probe", new Probe("心愿"));

        Assert.That(invalid.StatusCode, Is.EqualTo(HttpStatusCode.BadRequest));
        var problem = await invalid.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Multiple(() =>
        {
            Assert.That(problem.GetProperty("title").GetString(), Is.EqualTo(ValidationFilter.Title));
            Assert.That(problem.GetProperty("errors").GetProperty("name")[0].GetString(), Is.EqualTo("请填写名称。"));
            Assert.That(valid.StatusCode, Is.EqualTo(HttpStatusCode.NoContent));
            Assert.That(handled, Is.EqualTo(1));
        });
    }

    [Test]
    public async Task EveryMappedEndpointWithAValidatedArgumentIsValidated()
    {
        var services = (await TestRun.ApiAsync()).Services;
        var registered = services.GetRequiredService<IServiceProviderIsService>();
        var endpoints = services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<MethodInfo>() is not null)
            .ToDictionary(Name);
        var withValidators = endpoints.Values
            .Where(e => e.Metadata.GetMetadata<MethodInfo>()!.GetParameters()
                .Any(p => registered.IsService(typeof(IValidator<>).MakeGenericType(p.ParameterType))))
            .ToList();

        Assert.Multiple(() =>
        {
            Assert.That(withValidators.Select(Name), Does.Contain("POST /api/admin/auth/login").And.Contain("GET /api/wishes/"));
            Assert.That(withValidators.Where(e => e.Metadata.GetMetadata<ValidatedArguments>() is null).Select(Name), Is.Empty,
                "an endpoint taking a type that has a validator is mapped on a group without WithValidation()");
            // The claim storm's endpoint has nothing to validate, so it runs without a filter in its way.
            Assert.That(endpoints["POST /api/wishes/{id:guid}/claim"].Metadata.GetMetadata<ValidatedArguments>(), Is.Null);
        });
    }

    private static string Name(RouteEndpoint endpoint) =>
        $"{string.Join(",", endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [])} {endpoint.RoutePattern.RawText}";
}
