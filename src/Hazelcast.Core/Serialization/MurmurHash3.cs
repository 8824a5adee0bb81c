using System.Buffers.Binary;
using System.Numerics;

namespace Hazelcast.Serialization;

/// <summary>MurmurHash3 x86 32-bit with Hazelcast's seed, and partition ids as Hazelcast computes them (PROTOCOL.md §7).</summary>
internal static class MurmurHash3
{
    public const uint Seed = 0x01000193;

    public static int Hash(ReadOnlySpan<byte> data, uint seed = Seed)
    {
        const uint c1 = 0xcc9e2d51;
        const uint c2 = 0x1b873593;
        var h = seed;
        var blocks = data.Length / 4;
        for (var i = 0; i < blocks; i++)
        {
            var k = BinaryPrimitives.ReadUInt32LittleEndian(data[(i * 4)..]);
            k *= c1;
            k = BitOperations.RotateLeft(k, 15);
            k *= c2;
            h ^= k;
            h = BitOperations.RotateLeft(h, 13);
            h = h * 5 + 0xe6546b64;
        }

        var tail = data[(blocks * 4)..];
        uint k1 = 0;
        switch (tail.Length)
        {
            case 3:
                k1 ^= (uint)tail[2] << 16;
                goto case 2;
            case 2:
                k1 ^= (uint)tail[1] << 8;
                goto case 1;
            case 1:
                k1 ^= tail[0];
                k1 *= c1;
                k1 = BitOperations.RotateLeft(k1, 15);
                k1 *= c2;
                h ^= k1;
                break;
        }

        h ^= (uint)data.Length;
        h ^= h >> 16;
        h *= 0x85ebca6b;
        h ^= h >> 13;
        h *= 0xc2b2ae35;
        h ^= h >> 16;
        return (int)h;
    }

    /// <summary>The partition of a hash: <c>hash == int.MinValue ? 0 : |hash| % count</c>, as Java computes it.</summary>
    public static int PartitionId(int hash, int partitionCount)
        => hash == int.MinValue ? 0 : Math.Abs(hash) % partitionCount;
}
