namespace WeChatWish.Domain;

/// <summary>How the host answers a domain error: one switch on this maps every error to an HTTP status.</summary>
public enum DomainErrorKind
{
    /// <summary>Input the entity refuses (400, the field named as a validation error is).</summary>
    Validation,

    /// <summary>A programme rule says no (422).</summary>
    Rule,

    /// <summary>The state has moved on: illegal transition, already claimed, duplicate (409).</summary>
    Conflict,

    /// <summary>The thing asked for does not exist (404).</summary>
    NotFound,

    /// <summary>The caller may not act on this record: another volunteer's claim, another district's wish (403).</summary>
    Forbidden,
}

/// <summary>
/// A refusal the domain gives a person: a stable machine <see cref="Code"/> (see <see cref="DomainErrorCodes"/>)
/// and a Chinese <see cref="Exception.Message"/> fit to show as a ProblemDetails title.
/// </summary>
public class DomainException(DomainErrorKind kind, string code, string message) : Exception(message)
{
    public DomainErrorKind Kind { get; } = kind;

    public string Code { get; } = code;
}

/// <summary>Input an entity refuses; <see cref="Field"/> names the offending value for ProblemDetails <c>errors</c>.</summary>
public sealed class DomainValidationException(string code, string field, string message)
    : DomainException(DomainErrorKind.Validation, code, message)
{
    public string Field { get; } = field;
}

public sealed class RuleViolationException(string code, string message)
    : DomainException(DomainErrorKind.Rule, code, message);

public class ConflictException(string code, string message)
    : DomainException(DomainErrorKind.Conflict, code, message);

public sealed class NotFoundException(string code, string message)
    : DomainException(DomainErrorKind.NotFound, code, message);

public sealed class ForbiddenException(string code, string message)
    : DomainException(DomainErrorKind.Forbidden, code, message);

/// <summary>A lifecycle method called in a state that does not allow it.</summary>
public sealed class IllegalTransitionException(string code, string entityType, string from, string action, string message)
    : ConflictException(code, message)
{
    public string EntityType { get; } = entityType;

    public string From { get; } = from;

    public string Action { get; } = action;
}
