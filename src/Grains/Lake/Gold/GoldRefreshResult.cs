namespace MHA.Grains.Lake.Gold;

/// <summary>What one Gold refresh did.</summary>
public sealed record GoldRefreshResult(
    string RefreshId,
    DateTimeOffset StartedAt,
    TimeSpan Duration,
    int SilverRowsApplied,
    int SilverFilesRead,
    int AdmissionPartitionsWritten,
    int OccupancyPartitionsWritten,
    long SilverRowsTotal);
