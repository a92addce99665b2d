using System.Text.Json.Nodes;

namespace WeChatWish.Tests.Fakes;

/// <summary>How the fake misbehaves when told to.</summary>
public sealed partial class FakeWeChatApi
{
    private readonly Lock _gate = new();
    private readonly List<Rule> _rules = [];
    private readonly Dictionary<string, TimeSpan> _delays = [];

    /// <summary>The next <paramref name="times"/> calls to <paramref name="endpoint"/> answer this errcode.</summary>
    public void FailNext(string endpoint, int errCode, int times = 1)
    {
        lock (_gate) _rules.Add(new Rule(endpoint, null, errCode, null, times));
    }

    /// <summary>
    /// Every call to <paramref name="endpoint"/> about <paramref name="subject"/> answers this errcode:
    /// the subject is the <c>touser</c> openid of a send, or the <c>js_code</c> of a jscode2session.
    /// </summary>
    public void FailFor(string endpoint, string subject, int errCode)
    {
        lock (_gate) _rules.Add(new Rule(endpoint, subject, errCode, null, int.MaxValue));
    }

    /// <summary>The next <paramref name="times"/> calls to <paramref name="endpoint"/> get this HTTP status and an HTML body.</summary>
    public void FailHttpNext(string endpoint, int statusCode, int times = 1)
    {
        lock (_gate) _rules.Add(new Rule(endpoint, null, null, statusCode, times));
    }

    /// <summary>Every call to <paramref name="endpoint"/> waits this long before answering.</summary>
    public void Delay(string endpoint, TimeSpan delay)
    {
        lock (_gate) _delays[endpoint] = delay;
    }

    private TimeSpan? DelayFor(string endpoint)
    {
        lock (_gate) return _delays.TryGetValue(endpoint, out var delay) ? delay : null;
    }

    private int? TakeHttpFailure(string endpoint)
    {
        lock (_gate) return Take(r => r.Endpoint == endpoint && r.HttpStatus is not null)?.HttpStatus;
    }

    /// <summary>The configured error for this call, if any, counting it against its rule.</summary>
    private JsonObject? TakeError(string endpoint, string? subject)
    {
        Rule? rule;
        lock (_gate)
        {
            rule = Take(r => r.Endpoint == endpoint && r.ErrCode is not null && r.Subject == subject)
                ?? Take(r => r.Endpoint == endpoint && r.ErrCode is not null && r.Subject is null);
        }
        return rule is null ? null : Error(rule.ErrCode!.Value, $"fake error {rule.ErrCode}");
    }

    private Rule? Take(Func<Rule, bool> matches)
    {
        var rule = _rules.FirstOrDefault(r => r.Remaining > 0 && matches(r));
        if (rule is not null && rule.Remaining != int.MaxValue) rule.Remaining--;
        return rule;
    }

    private sealed class Rule(string endpoint, string? subject, int? errCode, int? httpStatus, int remaining)
    {
        public string Endpoint { get; } = endpoint;
        public string? Subject { get; } = subject;
        public int? ErrCode { get; } = errCode;
        public int? HttpStatus { get; } = httpStatus;
        public int Remaining { get; set; } = remaining;
    }
}
