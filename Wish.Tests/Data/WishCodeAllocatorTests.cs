using Microsoft.EntityFrameworkCore;
using WeChatWish.Api.Data;
using WeChatWish.Domain;
using static WeChatWish.Tests.Data.DataTestDatabase;

namespace WeChatWish.Tests.Data;

public class WishCodeAllocatorTests
{
    [Test]
    public async Task TwentyConcurrentCallersGetConsecutiveUniqueNumbers()
    {
        var round = new Round(2099, 1);
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var callers = Enumerable.Range(0, 20).Select(_ => Task.Run(async () =>
        {
            await using var db = CreateContext();
            await db.Database.OpenConnectionAsync();
            await start.Task;
            return await new WishCodeAllocator(db).NextSequenceAsync(round);
        })).ToArray();
        start.SetResult();
        var numbers = await Task.WhenAll(callers);

        Assert.That(numbers.Order(), Is.EqualTo(Enumerable.Range(1, 20)));
    }

    [Test]
    public async Task EachRoundCountsFromOneAndCodesAreFormatted()
    {
        await using var db = CreateContext();
        var allocator = new WishCodeAllocator(db);

        var first = await allocator.NextCodeAsync(new Round(2099, 2));
        var second = await allocator.NextCodeAsync(new Round(2099, 2));
        var otherRound = await allocator.NextCodeAsync(new Round(2099, 3));

        Assert.That(new[] { first, second, otherRound }, Is.EqualTo(new[] { "W209902-0001", "W209902-0002", "W209903-0001" }));
    }

    [Test]
    public async Task NumberTakenInsideARolledBackTransactionIsHandedOutAgain()
    {
        var round = new Round(2099, 4);
        await using (var db = CreateContext())
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            Assert.That(await new WishCodeAllocator(db).NextSequenceAsync(round), Is.EqualTo(1));
            await transaction.RollbackAsync();
        }
        await using var again = CreateContext();
        Assert.That(await new WishCodeAllocator(again).NextSequenceAsync(round), Is.EqualTo(1));
    }
}
