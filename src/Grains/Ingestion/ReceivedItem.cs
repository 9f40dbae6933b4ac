namespace MHA.Grains.Ingestion;

/// <summary>One item of a received body (an array element or an NDJSON line) with its position and exact bytes.</summary>
public readonly record struct ReceivedItem(int Index, ReadOnlyMemory<byte> Payload, string? FramingError = null);
