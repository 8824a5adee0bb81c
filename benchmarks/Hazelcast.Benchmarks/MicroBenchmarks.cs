using BenchmarkDotNet.Attributes;
using Hazelcast.Protocol;
using Hazelcast.Protocol.Codecs;
using Hazelcast.Serialization;

namespace Hazelcast.Benchmarks;

/// <summary>Codecs: encoding the requests and decoding the responses of the hot map operations.</summary>
[MemoryDiagnoser]
public class CodecBenchmarks
{
    private readonly Data _key = new SerializationService().ToData("key-123");
    private readonly Data _value = new SerializationService().ToData(new byte[100]);
    private ClientMessage _getResponse = null!;

    [GlobalSetup]
    public void Setup() => _getResponse = MapGetCodec.EncodeResponse(_value);

    [Benchmark]
    public int EncodeMapGet() => MapGetCodec.EncodeRequest("bench", _key, 0).Length;

    [Benchmark]
    public int EncodeMapSet() => MapSetCodec.EncodeRequest("bench", _key, _value, 0, -1).Length;

    [Benchmark]
    public int DecodeMapGetResponse() => MapGetCodec.DecodeResponse(_getResponse).Length;
}

/// <summary>Serialization of strings (UTF-8, no intermediate arrays) and primitives.</summary>
[MemoryDiagnoser]
public class SerializationBenchmarks
{
    private readonly SerializationService _serialization = new();
    private readonly string _ascii = new('a', 100);
    private readonly string _unicode = string.Concat(Enumerable.Repeat("héllo 你好 😀 ", 8));
    private Data _asciiData;

    [GlobalSetup]
    public void Setup() => _asciiData = _serialization.ToData(_ascii);

    [Benchmark]
    public int AsciiStringToData() => _serialization.ToData(_ascii).Length;

    [Benchmark]
    public int UnicodeStringToData() => _serialization.ToData(_unicode).Length;

    [Benchmark]
    public string? AsciiStringToObject() => _serialization.ToObject<string>(_asciiData);

    [Benchmark]
    public int LongToData() => _serialization.ToData(123456789L).Length;

    [Benchmark]
    public int PartitionHash() => _asciiData.PartitionHash;
}

/// <summary>Frame parsing: walking the frames of a received response in place.</summary>
[MemoryDiagnoser]
public class FrameParsingBenchmarks
{
    private ClientMessage _message = null!;

    [GlobalSetup]
    public void Setup()
    {
        var entries = Enumerable.Range(0, 100).Select(i => new KeyValuePair<Data, Data>(new SerializationService().ToData($"k{i}"), new SerializationService().ToData(new byte[32]))).ToList();
        var encoded = MapEntrySetCodec.EncodeResponse(entries);
        _message = new ClientMessage(encoded.Span.ToArray(), encoded.Length);
    }

    [Benchmark]
    public int WalkFrames()
    {
        var r = _message.GetReader();
        var n = 0;
        while (r.HasNext)
        {
            r.Next("frame");
            n++;
        }
        return n;
    }

    [Benchmark]
    public int DecodeEntrySet() => MapEntrySetCodec.DecodeResponse(_message).Count;
}
