using System.Reflection;
using FluentValidation;
using FluentValidation.Results;

namespace WeChatWish.Api.Infrastructure;

/// <summary>
/// Runs the FluentValidation validator of every handler argument whose type has one registered, and answers 400
/// ValidationProblem with errors by field. Set once on a route group: each endpoint's parameters are looked at when it is
/// built, and an endpoint with nothing to validate gets no filter at all.
/// </summary>
public static class ValidationFilter
{
    public const string Title = "提交的内容有误，请检查后重试。";

    public static TBuilder WithValidation<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder
    {
        builder.Add(endpoint =>
        {
            if (endpoint.Metadata.OfType<MethodInfo>().FirstOrDefault() is not { } handler) return;
            var validated = ValidatedArguments.Of(handler, endpoint.ApplicationServices);
            if (validated.Arguments.Count == 0 && validated.Text.Count == 0) return;
            endpoint.Metadata.Add(validated);
            endpoint.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status400BadRequest, typeof(HttpValidationProblemDetails),
                ["application/problem+json"]));
            endpoint.FilterFactories.Add((_, next) => context => ValidateAsync(validated, context, next));
        });
        return builder;
    }

    /// <summary>The errors by JSON field name, each message once.</summary>
    public static Dictionary<string, string[]> Errors(ValidationResult result) => result.Errors
        .GroupBy(e => JsonName(e.PropertyName))
        .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray());

    private static async ValueTask<object?> ValidateAsync(ValidatedArguments validated, EndpointFilterInvocationContext context,
        EndpointFilterDelegate next)
    {
        List<string>? unprintable = null;
        foreach (var (position, name) in validated.Text) ControlCharacters.FindIn(context.Arguments[position], name, ref unprintable);
        if (unprintable is not null)
            return TypedResults.ValidationProblem(unprintable.Distinct().ToDictionary(f => f, _ => new[] { ControlCharacters.Message }), title: Title);
        foreach (var (position, validatorType) in validated.Arguments)
        {
            if (context.Arguments[position] is not { } argument) continue;
            var validator = (IValidator)context.HttpContext.RequestServices.GetRequiredService(validatorType);
            var result = await validator.ValidateAsync(new ValidationContext<object>(argument), context.HttpContext.RequestAborted);
            if (!result.IsValid) return TypedResults.ValidationProblem(Errors(result), title: Title);
        }
        return await next(context);
    }

    private static string JsonName(string propertyPath) =>
        string.Join('.', propertyPath.Split('.').Select(p => p.Length == 0 ? p : char.ToLowerInvariant(p[0]) + p[1..]));
}

/// <summary>
/// Endpoint metadata: the handler's arguments <see cref="ValidationFilter"/> validates, by position, with their validator's type; and
/// those it looks through for control characters (<see cref="ControlCharacters"/>), with the name a bare string goes by.
/// </summary>
public sealed record ValidatedArguments(IReadOnlyList<(int Position, Type ValidatorType)> Arguments, IReadOnlyList<(int Position, string Name)> Text)
{
    public static ValidatedArguments Of(MethodInfo handler, IServiceProvider services)
    {
        var registered = services.GetRequiredService<IServiceProviderIsService>();
        var parameters = handler.GetParameters();
        return new(parameters
            .Select(p => (p.Position, ValidatorType: typeof(IValidator<>).MakeGenericType(p.ParameterType)))
            .Where(a => registered.IsService(a.ValidatorType))
            .ToList(),
            parameters.Where(p => ControlCharacters.Carries(p.ParameterType, registered))
                .Select(p => (p.Position, p.ParameterType == typeof(string) ? p.Name ?? "" : ""))
                .ToList());
    }
}
