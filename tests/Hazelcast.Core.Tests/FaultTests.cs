namespace Hazelcast.Core.Tests;

/// <summary>
/// The chaos and resilience tests run alone, not beside the rest of the suite: they kill, pause and restart members
/// under load and measure what callers see, and on a 2-core machine the CPU taken by other tests running beside them
/// (in the same process as their members) would be measured too.
/// </summary>
[CollectionDefinition(nameof(FaultTests), DisableParallelization = true)]
public sealed class FaultTests;
