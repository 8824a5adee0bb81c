using Hazelcast.Protocol;
using Hazelcast.Protocol.Codecs;

namespace Hazelcast.Testing;

// Flake ID generators and PN counters.
internal sealed partial class ClientSession
{
    internal ValueTask<ClientMessage?> FlakeIdGeneratorNewIdBatch(ClientMessage request)
    {
        var p = FlakeIdGeneratorNewIdBatchCodec.DecodeRequest(request);
        var (first, increment, wait) = _state.Crdt.NewIdBatch(Member, p.Name, p.BatchSize);
        var response = FlakeIdGeneratorNewIdBatchCodec.EncodeResponse(first, increment, p.BatchSize);
        return wait <= TimeSpan.Zero ? Done(response) : Later(Task.Delay(wait, _state.Time, _closed.Token).ContinueWith(_ => response, TaskScheduler.Default), r => r);
    }

    internal ValueTask<ClientMessage?> PNCounterGet(ClientMessage request)
    {
        var p = PNCounterGetCodec.DecodeRequest(request);
        var (value, clock, replicas) = _state.Crdt.Counter(Member, p.Name, p.TargetReplicaUUID, p.ReplicaTimestamps, 0, add: false, getBeforeUpdate: false);
        return Done(PNCounterGetCodec.EncodeResponse(value, clock, replicas));
    }

    internal ValueTask<ClientMessage?> PNCounterAdd(ClientMessage request)
    {
        var p = PNCounterAddCodec.DecodeRequest(request);
        var (value, clock, replicas) = _state.Crdt.Counter(Member, p.Name, p.TargetReplicaUUID, p.ReplicaTimestamps, p.Delta, add: true, p.GetBeforeUpdate);
        return Done(PNCounterAddCodec.EncodeResponse(value, clock, replicas));
    }

    /// <summary>Hazelcast's default replica count: every member holds a replica.</summary>
    internal ValueTask<ClientMessage?> PNCounterGetConfiguredReplicaCount(ClientMessage request)
        => Done(PNCounterGetConfiguredReplicaCountCodec.EncodeResponse(int.MaxValue));
}
