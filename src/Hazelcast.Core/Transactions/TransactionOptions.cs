namespace Hazelcast.Transactions;

/// <summary>
/// How a transaction runs: its type, its timeout and its durability (Hazelcast's <c>TransactionOptions</c>).
/// <see cref="HazelcastOptions.Transactions"/> holds the defaults (<c>Hazelcast:Transactions:Timeout</c>).
/// </summary>
public sealed class TransactionOptions
{
    /// <summary>How the transaction commits.</summary>
    /// <value>Default <see cref="TransactionType.TwoPhase"/>, as in Hazelcast.</value>
    public TransactionType Type { get; set; } = TransactionType.TwoPhase;

    /// <summary>
    /// How long the transaction may last: its key locks lapse after it (others may then write those keys), an
    /// operation waiting for a lock fails after it with <see cref="TransactionTimedOutException"/>, and a commit after
    /// it fails (the transaction is rolled back).
    /// </summary>
    /// <value>Default 2 minutes, as in Hazelcast.</value>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// How many members keep a copy of the transaction's log (<see cref="TransactionType.TwoPhase"/> only): a commit
    /// that passed its prepare completes even if its member fails, as long as one of them is alive.
    /// </summary>
    /// <value>Default 1, as in Hazelcast.</value>
    public int Durability { get; set; } = 1;

    internal TransactionOptions Clone() => new() { Type = Type, Timeout = Timeout, Durability = Durability };

    /// <summary>Adds the errors of these options to <paramref name="fail"/>, each under <paramref name="key"/>:&lt;option&gt;.</summary>
    internal void Validate(string key, Action<string, string> fail)
    {
        if (!Enum.IsDefined(Type)) fail($"{key}:Type", $"'{Type}' is not one of {string.Join(", ", Enum.GetNames<TransactionType>())}.");
        if (Timeout <= TimeSpan.Zero) fail($"{key}:Timeout", $"must be a positive duration, not '{Timeout}'.");
        else if (Timeout.TotalMilliseconds > int.MaxValue) fail($"{key}:Timeout", $"'{Timeout}' is longer than the longest timer ({TimeSpan.FromMilliseconds(int.MaxValue)}).");
        if (Durability < 0) fail($"{key}:Durability", $"cannot be negative, not '{Durability}'.");
    }
}
