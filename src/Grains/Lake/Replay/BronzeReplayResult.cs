namespace MHA.Grains.Lake.Replay;

/// <summary>What a replay did: Bronze files and rows read, items accepted (placed on a hospital stream) and rejected (quarantined).</summary>
public sealed record BronzeReplayResult(int Files, long Rows, long Accepted, long Rejected, TimeSpan Elapsed);
