namespace Hazelcast.Core.Tests;

public sealed class OptionsTests
{
    [Theory]
    [InlineData("ClusterName", "")]
    [InlineData("Networking:Addresses:0", "not a host:port:extra")]
    [InlineData("Networking:Addresses:0", "127.0.0.1:70000")]
    [InlineData("Networking:Addresses:0", "127.0.0.1:0")]
    [InlineData("Networking:ConnectionTimeout", "0")]
    [InlineData("Networking:ClusterConnectTimeout", "-1")]
    [InlineData("Heartbeat:Timeout", "1")]
    [InlineData("InvocationTimeout", "0")]
    public async Task Invalid_options_fail_at_start_naming_the_option_and_value(string key, string value)
    {
        var options = new HazelcastOptions();
        switch (key)
        {
            case "ClusterName": options.ClusterName = value; break;
            case "Networking:Addresses:0": options.Networking.Addresses.Add(value); break;
            case "Networking:ConnectionTimeout": options.Networking.ConnectionTimeout = TimeSpan.FromSeconds(int.Parse(value, System.Globalization.CultureInfo.InvariantCulture)); break;
            case "Networking:ClusterConnectTimeout": options.Networking.ClusterConnectTimeout = TimeSpan.FromSeconds(int.Parse(value, System.Globalization.CultureInfo.InvariantCulture)); break;
            case "Heartbeat:Timeout": options.Heartbeat.Timeout = TimeSpan.FromSeconds(int.Parse(value, System.Globalization.CultureInfo.InvariantCulture)); break;
            case "InvocationTimeout": options.InvocationTimeout = TimeSpan.FromSeconds(int.Parse(value, System.Globalization.CultureInfo.InvariantCulture)); break;
        }
        var error = await Assert.ThrowsAsync<ArgumentException>(async () => await HazelcastClientFactory.StartNewClientAsync(options));
        Assert.Equal(key, error.ParamName);
        Assert.Contains($"Hazelcast:{key}", error.Message, StringComparison.Ordinal);
        if (key.StartsWith("Networking:Addresses", StringComparison.Ordinal)) Assert.Contains(value, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Default_options_are_valid_and_finite()
    {
        var options = new HazelcastOptions();
        Assert.Empty(options.GetValidationErrors());
        Assert.True(options.Networking.ClusterConnectTimeout < TimeSpan.FromMinutes(1));
        Assert.True(options.InvocationTimeout < TimeSpan.FromMinutes(5));
    }

    [Theory]
    [InlineData("localhost", "localhost", 5701)]
    [InlineData("10.0.0.1:5702", "10.0.0.1", 5702)]
    [InlineData("[::1]:5703", "::1", 5703)]
    [InlineData("::1", "::1", 5701)]
    [InlineData("hz-0.hz.default.svc.cluster.local:5701", "hz-0.hz.default.svc.cluster.local", 5701)]
    public void Addresses_parse(string text, string host, int port)
    {
        var address = Networking.NetworkAddress.Parse(text);
        Assert.Equal(host, address.Host);
        Assert.Equal(port, address.Port);
    }
}
