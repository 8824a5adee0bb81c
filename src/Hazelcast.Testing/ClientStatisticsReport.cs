using System.Text;
using Hazelcast.Protocol;

namespace Hazelcast.Testing;

/// <summary>A metric a client reported in its statistics' metrics blob.</summary>
/// <param name="Prefix">Its prefix (<c>runtime</c>, <c>nearcache</c>), or null.</param>
/// <param name="Metric">Its name.</param>
/// <param name="Discriminator">Its discriminator's name (<c>name</c> for a near cache), or null.</param>
/// <param name="DiscriminatorValue">Its discriminator's value (the map's name), or null.</param>
/// <param name="Unit">Java's ProbeUnit ordinal (0 bytes, 1 ms, 2 ns, 3 percent, 4 count, ...), or -1.</param>
/// <param name="Value">Its value.</param>
public sealed record ReportedMetric(string? Prefix, string Metric, string? Discriminator, string? DiscriminatorValue, int Unit, double Value);

/// <summary>
/// The last <c>Client.Statistics</c> a client sent, decoded as a member decodes it: its timestamp, its attributes (the
/// <c>key=value</c> list, backslash escapes undone) and the metrics of its blob, or the reason the blob could not be read.
/// </summary>
public sealed record ClientStatisticsReport(long Timestamp, IReadOnlyDictionary<string, string> Attributes, IReadOnlyList<ReportedMetric> Metrics, string? BlobError)
{
    internal static ClientStatisticsReport Decode(long timestamp, string attributes, byte[] blob)
    {
        IReadOnlyList<ReportedMetric> metrics = [];
        string? error = null;
        try
        {
            metrics = MetricsBlob.Read(blob).Select(m => new ReportedMetric(m.Prefix, m.Metric, m.Discriminator, m.DiscriminatorValue, m.Unit, m.Value)).ToList();
        }
        catch (ProtocolException e)
        {
            error = e.Message;
        }
        return new ClientStatisticsReport(timestamp, ParseAttributes(attributes), metrics, error);
    }

    // key=value pairs separated by commas; a backslash escapes the next character (near-cache names).
    private static Dictionary<string, string> ParseAttributes(string text)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var key = new StringBuilder();
        var value = new StringBuilder();
        var inValue = false;
        void End()
        {
            if (key.Length > 0) result[key.ToString()] = value.ToString();
            key.Clear();
            value.Clear();
            inValue = false;
        }
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\\' && i + 1 < text.Length) c = text[++i];
            else if (c == ',') { End(); continue; }
            else if (c == '=' && !inValue) { inValue = true; continue; }
            (inValue ? value : key).Append(c);
        }
        End();
        return result;
    }
}
