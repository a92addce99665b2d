using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace WeChatWish.Api.Claims;

/// <summary>
/// A few threads of its own on which claim transactions run with blocking database calls. In a claim storm the thread pool
/// is full of losers' work; an awaited database round trip of the winner would queue behind it at every step (PostgreSQL's
/// log showed 10–26 ms between the statements of one claim transaction, for statements that took under 0.5 ms). A blocked
/// thread of its own is woken by the kernel as soon as PostgreSQL answers. Requests wait for the lane asynchronously, so
/// with Redis down (every claim on the database path) they queue here instead of starving the thread pool.
/// </summary>
public sealed class ClaimDatabaseLane : IDisposable
{
    private readonly BlockingCollection<Action> _work = new();
    private readonly Thread[] _threads;

    public ClaimDatabaseLane(IOptions<ClaimOptions> options)
    {
        _threads = new Thread[options.Value.DatabaseThreads];
        for (var i = 0; i < _threads.Length; i++)
        {
            _threads[i] = new Thread(Work) { IsBackground = true, Name = $"claim-db-{i + 1}" };
            _threads[i].Start();
        }
    }

    /// <summary>Runs <paramref name="work"/> on one of the lane's threads; a request cancelled while it waits never starts.</summary>
    public Task<T> RunAsync<T>(Func<T> work, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        _work.Add(() =>
        {
            if (cancellationToken.IsCancellationRequested)
            {
                done.TrySetCanceled(cancellationToken);
                return;
            }
            try
            {
                done.TrySetResult(work());
            }
            catch (Exception e)
            {
                done.TrySetException(e);
            }
        }, CancellationToken.None);
        return done.Task;
    }

    private void Work()
    {
        foreach (var item in _work.GetConsumingEnumerable()) item();
    }

    public void Dispose()
    {
        _work.CompleteAdding();
        foreach (var thread in _threads) thread.Join(TimeSpan.FromSeconds(5));
        _work.Dispose();
    }
}
