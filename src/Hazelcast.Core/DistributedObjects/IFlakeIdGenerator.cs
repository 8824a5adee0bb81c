namespace Hazelcast.DistributedObjects;

/// <summary>
/// Cluster-wide unique 64-bit ids, roughly ordered in time (Hazelcast's Flake ID generator): a member hands out a batch
/// of ids at a time (<see cref="FlakeIdGeneratorOptions.PrefetchCount"/>), from its clock, its node id and a sequence,
/// so most calls are answered from the client's memory without a round trip. Options per generator:
/// <see cref="HazelcastOptions.FlakeIdGenerators"/>.
/// </summary>
public interface IFlakeIdGenerator : IDistributedObject
{
    /// <summary>A new id, unique across the cluster's clients and members; from the prefetched batch when it has one left and is still valid.</summary>
    ValueTask<long> GetNewIdAsync(CancellationToken cancellationToken = default);
}
