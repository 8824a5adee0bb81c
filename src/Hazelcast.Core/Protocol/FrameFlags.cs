namespace Hazelcast.Protocol;

/// <summary>The flag bits of a frame header (PROTOCOL.md §1.3).</summary>
[Flags]
internal enum FrameFlags : ushort
{
    None = 0,
    BackupEvent = 0x0080,
    BackupAware = 0x0100,
    IsEvent = 0x0200,
    IsNull = 0x0400,
    EndDataStructure = 0x0800,
    BeginDataStructure = 0x1000,
    IsFinal = 0x2000,
    EndFragment = 0x4000,
    BeginFragment = 0x8000,
    Unfragmented = BeginFragment | EndFragment,
}
