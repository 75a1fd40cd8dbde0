using System.Numerics;

namespace WeChatDomains.Azure.Operations;

/// <summary>
/// The number of distinct table partitions seen: exact up to <c>capacity</c> (a set), then a HyperLogLog estimate
/// (2^<see cref="StorageOperationConstants.DistinctRegisterBits"/> one-byte registers, about 1.6 % standard error) in
/// constant memory. Not thread-safe.
/// </summary>
internal sealed class DistinctPartitions(int capacity)
{
    private const int RegisterCount = 1 << StorageOperationConstants.DistinctRegisterBits;
    private const uint Sentinel = 1u << (StorageOperationConstants.DistinctRegisterBits - 1);
    private readonly HashSet<(string Table, string Partition)> _exact = [];
    private readonly byte[] _registers = new byte[RegisterCount];

    /// <summary>Whether more than the capacity were seen, so <see cref="Count"/> is an estimate.</summary>
    public bool Estimated { get; private set; }

    /// <summary>The distinct partitions seen: exact unless <see cref="Estimated"/>.</summary>
    public int Count => Estimated ? Estimate() : _exact.Count;

    /// <summary>Notes one operation on <paramref name="partition"/> of <paramref name="table"/>.</summary>
    public void Add(string table, string partition)
    {
        var hash = (uint)HashCode.Combine(table, partition);
        var register = hash >> (32 - StorageOperationConstants.DistinctRegisterBits);
        var rank = (byte)(BitOperations.LeadingZeroCount((hash << StorageOperationConstants.DistinctRegisterBits) | Sentinel) + 1);
        _registers[register] = Math.Max(_registers[register], rank);
        if (!Estimated && _exact.Add((table, partition)) && _exact.Count > capacity)
        {
            Estimated = true;
            _exact.Clear();
            _exact.TrimExcess();
        }
    }

    /// <summary>Forgets every partition.</summary>
    public void Clear()
    {
        _exact.Clear();
        Array.Clear(_registers);
        Estimated = false;
    }

    private int Estimate()
    {
        var sum = 0.0;
        var zeros = 0;
        foreach (var register in _registers)
        {
            sum += Math.ScaleB(1, -register);
            zeros += register == 0 ? 1 : 0;
        }

        var alpha = 0.7213 / (1 + (1.079 / RegisterCount));
        var raw = alpha * RegisterCount * RegisterCount / sum;
        var estimate = raw <= 2.5 * RegisterCount && zeros > 0 ? RegisterCount * Math.Log((double)RegisterCount / zeros) : raw;
        return (int)Math.Round(estimate);
    }
}
