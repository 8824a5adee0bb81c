using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Hazelcast.Benchmarks;

/// <summary>
/// Listeners of the client's telemetry for the overhead benchmark: a MeterListener on every instrument of the
/// Hazelcast meter that adds up what it is given (the least an exporter does), and an ActivityListener that records
/// every activity of the Hazelcast source and counts them when they stop.
/// </summary>
internal sealed class TelemetryListeners : IDisposable
{
    private readonly MeterListener? _meters;
    private readonly ActivityListener? _activities;
    private long _measurements;
    private long _stopped;

    private TelemetryListeners(string listen)
    {
        if (listen is "meter" or "both")
        {
            _meters = new MeterListener
            {
                InstrumentPublished = (instrument, listener) =>
                {
                    if (instrument.Meter.Name == HazelcastTelemetry.MeterName) listener.EnableMeasurementEvents(instrument);
                },
            };
            _meters.SetMeasurementEventCallback<double>((_, _, _, _) => Interlocked.Increment(ref _measurements));
            _meters.SetMeasurementEventCallback<long>((_, _, _, _) => Interlocked.Increment(ref _measurements));
            _meters.SetMeasurementEventCallback<int>((_, _, _, _) => Interlocked.Increment(ref _measurements));
            _meters.Start();
        }
        if (listen is "activity" or "both")
        {
            _activities = new ActivityListener
            {
                ShouldListenTo = s => s.Name == HazelcastTelemetry.ActivitySourceName,
                Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
                ActivityStopped = _ => Interlocked.Increment(ref _stopped),
            };
            ActivitySource.AddActivityListener(_activities);
        }
    }

    public static TelemetryListeners Start(string listen) => new(listen);

    public void Dispose()
    {
        _meters?.Dispose();
        _activities?.Dispose();
        if (_meters is not null || _activities is not null) Console.Error.WriteLine($"telemetry: {_measurements} measurements, {_stopped} activities");
    }
}
