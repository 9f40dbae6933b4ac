namespace MHA.Grains.Alerts;

/// <summary>
/// The alert kinds (<see cref="AlertSignal.Type"/>). A webhook's CloudEvents <c>type</c> is the kind followed by
/// <c>.raised</c> or <c>.resolved</c>, so endpoints filter by prefix (docs/alerts.md).
/// </summary>
public static class AlertKinds
{
    public const string LakeWriteFailed = "mha.alert.lake_write_failed";
    public const string SiloLeft = "mha.alert.silo_left";
    public const string DataQuality = "mha.alert.data_quality";
    public const string ConsumerLag = "mha.alert.consumer_lag";
    public const string StreamReceiveError = "mha.alert.stream_receive_error";
    public const string BatchFileRejected = "mha.alert.batch_file_rejected";
    public const string CapacityHigh = "mha.alert.capacity_high";
    public const string CapacityCritical = "mha.alert.capacity_critical";

    public const string RaisedSuffix = ".raised";
    public const string ResolvedSuffix = ".resolved";
}
