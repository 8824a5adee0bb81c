using System.Collections.Concurrent;
using Hazelcast.Testing;
using Microsoft.Extensions.Logging;

namespace Hazelcast.Core.Tests;

/// <summary>Token credentials, a credentials factory, and secrets that never show in logs, errors or the options a client hands out.</summary>
public sealed class CredentialsTests
{
    private const string Token = "eyJhbGciOi.secret-token.sig";

    private sealed class CapturingLogger : ILoggerProvider, ILogger
    {
        public ConcurrentQueue<string> Lines { get; } = new();
        public ILogger CreateLogger(string categoryName) => this;
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            => Lines.Enqueue($"{formatter(state, exception)} {exception}");
        public void Dispose() { }
    }

    private static HazelcastOptions OptionsFor(HazelcastCluster cluster, Action<AuthenticationOptions> auth)
    {
        var options = new HazelcastOptions();
        foreach (var a in cluster.Addresses) options.Networking.Addresses.Add(a);
        options.Networking.ClusterConnectTimeout = TimeSpan.FromSeconds(3);
        auth(options.Authentication);
        return options;
    }

    [Fact]
    public async Task A_token_authenticates_with_the_custom_request_and_a_wrong_one_is_refused_without_showing_it()
    {
        await using var cluster = await HazelcastCluster.StartAsync(new HazelcastClusterOptions { MemberCount = 2, Token = Token });
        var log = new CapturingLogger();
        using var loggerFactory = LoggerFactory.Create(b => b.AddProvider(log).SetMinimumLevel(LogLevel.Trace));
        await using (var client = await HazelcastClientFactory.StartNewClientAsync(OptionsFor(cluster, a => a.Token = Token), loggerFactory))
        {
            var map = await client.GetMapAsync<int, int>("secured");
            await map.SetAsync(1, 1);
            Assert.Equal("(redacted)", client.Options.Authentication.Token);
        }
        var wrong = await Assert.ThrowsAsync<AuthenticationException>(async () =>
            await HazelcastClientFactory.StartNewClientAsync(OptionsFor(cluster, a => a.Token = "not-the-token"), loggerFactory));
        Assert.Contains("a token", wrong.Message);
        Assert.DoesNotContain("not-the-token", wrong.Message, StringComparison.Ordinal);
        // A password where a token is expected is refused too.
        await Assert.ThrowsAsync<AuthenticationException>(async () =>
            await HazelcastClientFactory.StartNewClientAsync(OptionsFor(cluster, a => (a.Username, a.Password) = ("u", Token)), loggerFactory));
        Assert.DoesNotContain(log.Lines, l => l.Contains(Token, StringComparison.Ordinal) || l.Contains("not-the-token", StringComparison.Ordinal));
        Assert.NotEmpty(log.Lines);
    }

    [Fact]
    public async Task A_Base64_token_is_sent_as_its_bytes()
    {
        await using var cluster = await HazelcastCluster.StartAsync(new HazelcastClusterOptions { Token = "abc" });
        await using var client = await HazelcastClientFactory.StartNewClientAsync(OptionsFor(cluster, a => (a.Token, a.TokenEncoding) = ("YWJj", TokenEncoding.Base64)));
        Assert.Equal(ClientState.Connected, client.State);
    }

    [Fact]
    public async Task The_credentials_factory_is_asked_at_every_authentication_reconnections_included()
    {
        await using var cluster = await HazelcastCluster.StartAsync(new HazelcastClusterOptions { MemberCount = 2, Username = "app", Password = "pw-2" });
        var calls = 0;
        var options = OptionsFor(cluster, a => a.CredentialsFactory = _ =>
        {
            // The first credentials are stale (a renewed token would be): the member refuses them, so start-up fails.
            var n = Interlocked.Increment(ref calls);
            return ValueTask.FromResult<ICredentials>(new UsernamePasswordCredentials("app", n == 1 ? "pw-1" : "pw-2"));
        });
        await Assert.ThrowsAsync<AuthenticationException>(async () => await HazelcastClientFactory.StartNewClientAsync(options));
        await using var client = await HazelcastClientFactory.StartNewClientAsync(options);
        var afterStart = Volatile.Read(ref calls);
        Assert.True(afterStart >= 3, $"one call per connection (2 members) after the refused one; {afterStart} calls");
        await cluster.KillMemberAsync(cluster.Members[1]);
        await cluster.AddMemberAsync();
        await Wait.UntilAsync(() => Volatile.Read(ref calls) > afterStart, TimeSpan.FromSeconds(20), "the factory is asked again for the new member's connection");
    }

    [Fact]
    public void Credentials_options_are_checked_without_quoting_secrets()
    {
        Assert.Contains(new HazelcastOptions { Authentication = { Token = "t", Username = "u", Password = "p" } }.GetValidationErrors(), e => e.Key == "Authentication:Token");
        var base64 = new HazelcastOptions { Authentication = { Token = "not base64!", TokenEncoding = TokenEncoding.Base64 } }.GetValidationErrors();
        Assert.Contains(base64, e => e.Key == "Authentication:Token");
        Assert.DoesNotContain(base64, e => e.Message.Contains("not base64!", StringComparison.Ordinal));
        Assert.Contains(new HazelcastOptions { Authentication = { Token = "jeton-été" } }.GetValidationErrors(), e => e.Key == "Authentication:Token");
        var redacted = new HazelcastOptions { Authentication = { Username = "u", Password = "p" } };
        redacted.Networking.Ssl.ClientCertificate.Password = "pfx";
        var copy = redacted.Clone(redact: true);
        Assert.Equal(("u", "(redacted)", "(redacted)"), (copy.Authentication.Username, copy.Authentication.Password, copy.Networking.Ssl.ClientCertificate.Password));
        Assert.DoesNotContain("p'", new UsernamePasswordCredentials("u", "p").ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("abc", new TokenCredentials("abc").ToString(), StringComparison.Ordinal);
    }
}
