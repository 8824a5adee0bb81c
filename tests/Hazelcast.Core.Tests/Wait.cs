namespace Hazelcast.Core.Tests;

/// <summary>Waits the tests share.</summary>
internal static class Wait
{
    /// <summary>Polls <paramref name="condition"/> until it holds; fails the test naming <paramref name="what"/> after <paramref name="timeout"/>.</summary>
    public static async Task UntilAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline) Assert.Fail($"Timed out waiting for: {what}");
            await Task.Delay(20);
        }
    }

    /// <summary>Completes when the client next becomes <see cref="ClientState.Disconnected"/> (it lost its last connection).</summary>
    public static Task DisconnectedAsync(IHazelcastClient client)
    {
        var disconnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        client.StateChanged += (_, e) =>
        {
            if (e.State == ClientState.Disconnected) disconnected.TrySetResult();
        };
        return disconnected.Task;
    }
}
