using System.Collections;
using MHA.Grains.Catalog;

namespace MHA.Producer.Simulation;

/// <summary>
/// The endless, deterministic ADT feed of every hospital of the catalog, in event-time order.
/// Each enumeration starts a fresh simulation from the options, so enumerating twice gives the same events.
/// </summary>
public sealed class AdtTrafficGenerator : IEnumerable<GeneratedEvent>
{
    private readonly HospitalCatalog _catalog;
    private readonly TrafficOptions _options;

    public AdtTrafficGenerator(HospitalCatalog catalog, TrafficOptions options)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _catalog = catalog;

        // A private copy, so a caller changing its options later cannot make two enumerations differ.
        _options = new TrafficOptions
        {
            Seed = options.Seed,
            Start = options.Start,
            TimeScale = options.TimeScale,
            InitialOccupancy = options.InitialOccupancy,
            TargetOccupancy = options.TargetOccupancy,
            Legacy = options.Legacy,
            Dirty = options.Dirty,
            SurgeFactor = options.SurgeFactor,
        };
    }

    public IEnumerator<GeneratedEvent> GetEnumerator() => new TrafficSimulation(_catalog, _options).Run().GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
