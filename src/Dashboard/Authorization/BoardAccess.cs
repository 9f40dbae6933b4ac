namespace MHA.Dashboard.Authorization;

/// <summary>What an endpoint or hub gives access to; <see cref="BoardAccessHandler"/> decides it per caller and route.</summary>
public enum BoardAccess
{
    /// <summary>Department-level occupancy; with a <c>hospitalId</c> route value, of that hospital.</summary>
    Occupancy,

    /// <summary>Bed-level detail (patient ids) of the route's hospital and department.</summary>
    Beds,

    /// <summary>The route hospital's anomalies.</summary>
    Anomalies,

    Quality,
    Pipeline,
    Alerts,

    /// <summary>Post events and batch files.</summary>
    Ingest,
}
