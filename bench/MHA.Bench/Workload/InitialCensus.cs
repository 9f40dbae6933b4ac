using System.Text;
using System.Text.Json;
using MHA.Grains.Catalog;
using MHA.Producer.Simulation;

namespace MHA.Bench.Workload;

/// <summary>
/// The producer's initial census and nothing else: with clean data, the admissions of the patients already in bed at
/// the start instant (the generator emits them before any other event), as NDJSON bodies. Checked on the way: exactly
/// as many as the simulation's fill rule puts in the catalog's beds, every one an admission of a different patient.
/// </summary>
public sealed class InitialCensus
{
    private InitialCensus(IReadOnlyList<byte[]> bodies, int admissions)
    {
        Bodies = bodies;
        Admissions = admissions;
    }

    /// <summary>NDJSON request bodies in feed order.</summary>
    public IReadOnlyList<byte[]> Bodies { get; }

    /// <summary>Admissions in <see cref="Bodies"/>: one per patient.</summary>
    public int Admissions { get; }

    /// <summary>What the bodies take on the bench's heap (array headers included).</summary>
    public long HeapBytes => Bodies.Sum(b => 24L + (b.Length + 7) / 8 * 8) + 24 + 8L * Bodies.Count;

    /// <summary>How many patients the simulation puts in bed at the start: per department, the occupancy of its staffed beds, at most its capacity.</summary>
    public static int ExpectedAdmissions(HospitalCatalog catalog, double occupancy) =>
        catalog.AllDepartments.Sum(d => Math.Min(d.Capacity, (int)Math.Round(occupancy * d.StaffedBeds)));

    public static InitialCensus Generate(HospitalCatalog catalog, int seed, double occupancy, int batchSize)
    {
        var options = new TrafficOptions { Seed = seed, InitialOccupancy = occupancy, Dirty = DirtyDataRates.None };
        var expected = ExpectedAdmissions(catalog, occupancy);
        var patients = new HashSet<string>(expected, StringComparer.Ordinal);
        var bodies = new List<byte[]>(expected / batchSize + 1);
        using var buffer = new MemoryStream();
        var inBuffer = 0;
        foreach (var generated in new AdtTrafficGenerator(catalog, options))
        {
            if (generated.EventTime != options.Start) break;
            using (var document = JsonDocument.Parse(generated.Json))
            {
                var root = document.RootElement;
                if (root.GetProperty("event_type").GetString() != "ADMISSION")
                {
                    throw new InvalidOperationException($"The initial census holds a {root.GetProperty("event_type").GetString()} event.");
                }

                if (!patients.Add(root.GetProperty("patient_id").GetString()!))
                {
                    throw new InvalidOperationException("The initial census admits a patient twice.");
                }
            }

            buffer.Write(Encoding.UTF8.GetBytes(generated.Json));
            buffer.WriteByte((byte)'\n');
            if (++inBuffer == batchSize)
            {
                bodies.Add(buffer.ToArray());
                buffer.SetLength(0);
                inBuffer = 0;
            }
        }

        if (inBuffer > 0) bodies.Add(buffer.ToArray());
        if (patients.Count != expected)
        {
            throw new InvalidOperationException($"The initial census holds {patients.Count} admissions; the catalog's beds at {occupancy:0.###} occupancy take {expected}.");
        }

        return new InitialCensus(bodies, patients.Count);
    }
}
