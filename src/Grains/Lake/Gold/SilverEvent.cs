using MHA.Grains.Contracts;

namespace MHA.Grains.Lake.Gold;

/// <summary>A Silver row read back: its ingest sequence number, its hospital's apply sequence number, and the event.</summary>
public sealed record SilverEvent(long IngestSeq, long ApplySeq, AdtEvent Event);
