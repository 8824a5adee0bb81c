using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;

namespace Hazelcast.Sql;

/// <summary>
/// An ADO.NET connection to a Hazelcast cluster's SQL (what Dapper and data tooling build on): over a client of the
/// application's (from dependency injection; the connection does not own it), or over a client it starts from a
/// connection string (<c>Addresses=host:5701,host2:5701;ClusterName=dev</c>) and stops when closed.
/// </summary>
/// <remarks>
/// Hazelcast SQL has no transactions: <see cref="DbConnection.BeginTransaction()"/> throws. Commands may use <c>?</c>
/// placeholders (bound in order) or <c>@name</c> placeholders (bound by name). Synchronous methods block a thread on the
/// asynchronous ones; prefer the <c>...Async</c> methods (Dapper's <c>QueryAsync</c>, <c>ExecuteAsync</c>).
/// </remarks>
public sealed class HazelcastConnection : DbConnection
{
    private readonly IHazelcastClient? _shared;
    private IHazelcastClient? _owned;
    private string _connectionString = "";
    private ConnectionState _state;

    /// <summary>A connection that starts its own client from <see cref="ConnectionString"/> when opened.</summary>
    public HazelcastConnection() { }

    /// <summary>A connection that starts its own client from <paramref name="connectionString"/> when opened.</summary>
    public HazelcastConnection(string connectionString) => ConnectionString = connectionString;

    /// <summary>A connection over a running client (the connection does not dispose of it).</summary>
    public HazelcastConnection(IHazelcastClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        _shared = client;
    }

    /// <summary>The client commands run on (while open).</summary>
    internal IHazelcastClient Client => (_shared is not null && _state == ConnectionState.Open ? _shared : _owned)
        ?? throw new InvalidOperationException("The connection is not open.");

    /// <inheritdoc />
    [AllowNull]
    public override string ConnectionString
    {
        get => _connectionString;
        set
        {
            if (_state != ConnectionState.Closed) throw new InvalidOperationException("The connection string cannot change while the connection is open.");
            _connectionString = value ?? "";
        }
    }

    /// <inheritdoc />
    public override string Database => "";

    /// <inheritdoc />
    public override string DataSource => _shared is not null ? _shared.Name : new DbConnectionStringBuilder { ConnectionString = _connectionString }.TryGetValue("Addresses", out var a) ? a?.ToString() ?? "" : "";

    /// <inheritdoc />
    public override string ServerVersion => "Hazelcast";

    /// <inheritdoc />
    public override ConnectionState State => _state;

    /// <inheritdoc />
    public override void Open() => OpenAsync(CancellationToken.None).GetAwaiter().GetResult();

    /// <inheritdoc />
    public override async Task OpenAsync(CancellationToken cancellationToken)
    {
        if (_state == ConnectionState.Open) return;
        if (_shared is null)
        {
            var options = OptionsOf(_connectionString);
            _state = ConnectionState.Connecting;
            try
            {
                _owned = await HazelcastClientFactory.StartNewClientAsync(options, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
            catch
            {
                _state = ConnectionState.Closed;
                throw;
            }
        }
        _state = ConnectionState.Open;
        OnStateChange(new StateChangeEventArgs(ConnectionState.Closed, ConnectionState.Open));
    }

    /// <summary>The client options a connection string describes: <c>Addresses</c> (comma-separated) and <c>ClusterName</c>.</summary>
    /// <exception cref="ArgumentException">A key is unknown, or there is no address.</exception>
    internal static HazelcastOptions OptionsOf(string connectionString)
    {
        var builder = new DbConnectionStringBuilder { ConnectionString = connectionString };
        var options = new HazelcastOptions();
        foreach (string key in builder.Keys)
        {
            var value = builder[key]?.ToString() ?? "";
            switch (key.ToLowerInvariant())
            {
                case "addresses":
                    foreach (var address in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)) options.Networking.Addresses.Add(address);
                    break;
                case "clustername":
                    options.ClusterName = value;
                    break;
                default:
                    throw new ArgumentException($"The connection string key '{key}' is unknown (known: Addresses, ClusterName).", nameof(connectionString));
            }
        }
        if (options.Networking.Addresses.Count == 0) throw new ArgumentException("The connection string names no member: add Addresses=host:port.", nameof(connectionString));
        return options;
    }

    /// <inheritdoc />
    public override void Close() => CloseAsync().GetAwaiter().GetResult();

    /// <inheritdoc />
    public override async Task CloseAsync()
    {
        if (_state == ConnectionState.Closed) return;
        _state = ConnectionState.Closed;
        if (_owned is { } owned)
        {
            _owned = null;
            await owned.DisposeAsync().ConfigureAwait(false);
        }
        OnStateChange(new StateChangeEventArgs(ConnectionState.Open, ConnectionState.Closed));
    }

    /// <inheritdoc />
    public override ValueTask DisposeAsync() => new(CloseAsync());

    /// <inheritdoc />
    protected override void Dispose(bool disposing)
    {
        if (disposing) Close();
        base.Dispose(disposing);
    }

    /// <inheritdoc />
    public override void ChangeDatabase(string databaseName) => throw new NotSupportedException("Hazelcast has no databases to change to: name a schema in a statement instead.");

    /// <inheritdoc />
    protected override DbTransaction BeginDbTransaction(IsolationLevel isolationLevel) => throw new NotSupportedException("Hazelcast SQL has no transactions.");

    /// <summary>A command on this connection.</summary>
    public new HazelcastCommand CreateCommand() => new() { Connection = this };

    /// <inheritdoc />
    protected override DbCommand CreateDbCommand() => CreateCommand();

    /// <inheritdoc />
    protected override DbProviderFactory DbProviderFactory => HazelcastProviderFactory.Instance;
}

/// <summary>The ADO.NET provider factory of Hazelcast SQL (register it with <c>DbProviderFactories.RegisterFactory("Hazelcast", HazelcastProviderFactory.Instance)</c>).</summary>
public sealed class HazelcastProviderFactory : DbProviderFactory
{
    /// <summary>The factory.</summary>
    public static readonly HazelcastProviderFactory Instance = new();

    private HazelcastProviderFactory() { }

    /// <inheritdoc />
    public override DbConnection CreateConnection() => new HazelcastConnection();

    /// <inheritdoc />
    public override DbCommand CreateCommand() => new HazelcastCommand();

    /// <inheritdoc />
    public override DbParameter CreateParameter() => new HazelcastParameter();

    /// <inheritdoc />
    public override DbConnectionStringBuilder CreateConnectionStringBuilder() => new();
}
