namespace Hazelcast.Query;

/// <summary>
/// An entry processor: code that runs on the members, on the entries where they live, and returns a result per entry
/// (saving a round trip per entry). The object is serialized (IdentifiedDataSerializable or Compact) and the members
/// must know how to run it: on a real cluster a Java class on their classpath; on the in-process member, a .NET
/// implementation registered with <c>HazelcastClusterOptions.AddEntryProcessor</c>.
/// </summary>
/// <typeparam name="TResult">What the processor returns for an entry.</typeparam>
public interface IEntryProcessor<TResult>;
