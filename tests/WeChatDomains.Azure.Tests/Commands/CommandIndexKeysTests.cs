using WeChatDomains.Azure.Commands;
using WeChatDomains.Core.Status;

namespace WeChatDomains.Azure.Tests.Commands;

/// <summary>The shard of a state pointer (issue 16: the Failed and Deferred indexes spread over partitions).</summary>
public sealed class CommandIndexKeysTests
{
    [Fact]
    public void Shard_8000CommandIds_EachShardHoldsAboutItsShare()
    {
        var counts = new int[CommandIndexKeys.StateShards];
        for (var i = 0; i < 8_000; i++)
        {
            counts[CommandIndexKeys.Shard($"cmd-{i:x12}")]++;
        }

        var share = 8_000 / CommandIndexKeys.StateShards;
        Assert.All(counts, count => Assert.InRange(count, share * 9 / 10, share * 11 / 10));
    }

    [Theory]
    [InlineData("ops-claim", 5)]
    [InlineData("cmd-000000000001", 1)]
    [InlineData("ghost", 0)]
    public void Shard_KnownIds_SameInEveryProcessAndVersion(string commandId, int shard)
    {
        // A row is found only under the shard its commandId had when it was written: the hash must never change.
        Assert.Equal(shard, CommandIndexKeys.Shard(commandId));
    }

    [Fact]
    public void StatePointers_FailedAndDeferred_InTheCommandsShardOfTheState()
    {
        var record = CommandStoreTestData.NewCommand() with { CommandId = "ops-claim" };

        var failed = Assert.Single(CommandIndexKeys.StatePointers(record with { State = CommandState.Failed, CompletedAt = CommandStoreTestData.T0 }));
        var deferred = Assert.Single(CommandIndexKeys.StatePointers(CommandStoreTestData.Deferred(record, CommandStoreTestData.T0)));

        Assert.Equal("state|Failed|05", failed.PartitionKey);
        Assert.Equal("state|Deferred|05", deferred.PartitionKey);
    }
}
