namespace WeChatWish.Domain;

/// <summary>
/// Wrong passwords for one user name from one client address, and the lock they lead to. The lock belongs to the pair, not
/// to the account: someone guessing from elsewhere cannot shut the owner out, and because names that exist and names that
/// do not are counted alike, a lock tells nobody whether a name is real. Guesses during a lock are refused without being
/// counted, so a lock ends when it says it will however hard it is pushed.
/// </summary>
public readonly record struct SignInAttempts(int Failures, DateTimeOffset? LockedUntil)
{
    public static readonly SignInAttempts None = new(0, null);

    public bool IsLocked(DateTimeOffset now) => LockedUntil > now;

    /// <summary>
    /// This count and another kept elsewhere for the same pair (an instance's own, made while the shared store could not be
    /// reached): the failures of both, and the later lock of the two, so no guess is forgotten when the store answers again.
    /// </summary>
    public SignInAttempts With(SignInAttempts other) => new(Failures + other.Failures,
        LockedUntil is null ? other.LockedUntil : other.LockedUntil is null ? LockedUntil : LockedUntil > other.LockedUntil ? LockedUntil : other.LockedUntil);

    /// <summary>The state after one more wrong password: the <paramref name="maxFailures"/>th in a row locks for <paramref name="lockout"/>.</summary>
    public SignInAttempts Failed(DateTimeOffset now, int maxFailures, TimeSpan lockout)
    {
        if (IsLocked(now)) return this;
        var failures = Failures + 1;
        return failures >= maxFailures ? new SignInAttempts(0, Guard.Utc(now) + lockout) : new SignInAttempts(failures, null);
    }
}
