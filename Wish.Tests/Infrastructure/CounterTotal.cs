using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;

namespace WeChatWish.Tests.Infrastructure;

/// <summary>
/// The running total of one of a host's counters, read as an exporter reads it: a <see cref="MetricCollector{T}"/> scoped to
/// the host's <see cref="IMeterFactory"/>, so other hosts in the same process do not count. Sees what is measured after it
/// is made.
/// </summary>
public sealed class CounterTotal(IServiceProvider services, string meterName, string instrumentName) : IDisposable
{
    private readonly MetricCollector<long> _collector = new(services.GetRequiredService<IMeterFactory>(), meterName, instrumentName);

    public long Value => _collector.GetMeasurementSnapshot().Sum(m => m.Value);

    /// <summary>The total of the measurements carrying <paramref name="tag"/> with <paramref name="value"/>.</summary>
    public long Where(string tag, string value) =>
        _collector.GetMeasurementSnapshot().Where(m => m.Tags.TryGetValue(tag, out var v) && Equals(v, value)).Sum(m => m.Value);

    public void Dispose() => _collector.Dispose();
}
