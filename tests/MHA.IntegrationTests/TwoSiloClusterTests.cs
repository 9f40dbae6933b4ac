using System.Text;
using MHA.Grains.Catalog;
using MHA.Grains.Contracts;
using MHA.Grains.Grains;
using MHA.Grains.Ingestion;
using MHA.Grains.Lake;
using MHA.IntegrationTests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Runtime;
using Orleans.TestingHost;

namespace MHA.IntegrationTests;

/// <summary>An Orleans test cluster of two silos: transfers across silos keep totals right; losing a silo leaves the other serving.</summary>
public sealed class TwoSiloClusterTests : IAsyncLifetime
{
    private static readonly string[] Path = ["Emergency", "ICU", "Cardiology", "Surgery"];
    private readonly HospitalCatalog _catalog = HospitalCatalog.LoadDefault();
    private TestCluster _cluster = null!;
    private EventIngestor _ingestor = null!;

    public async ValueTask InitializeAsync()
    {
        var builder = new TestClusterBuilder(2);
        builder.AddSiloBuilderConfigurator<EngineSiloConfigurator>();
        builder.AddClientBuilderConfigurator<EngineClientConfigurator>();
        _cluster = builder.Build();
        await _cluster.DeployAsync();
        _ingestor = new EventIngestor(_cluster.Client, new AdtEventParser(_catalog), TimeProvider.System, NullLogger<EventIngestor>.Instance);
    }

    public async ValueTask DisposeAsync() => await _cluster.DisposeAsync();

    private Task<IngestResult> IngestAsync(params string[] events) =>
        _ingestor.IngestAsync(events.Select((e, i) => new ReceivedItem(i, Encoding.UTF8.GetBytes(e))).ToArray(), new IngestSource("test", "cluster-test"));

    private async Task<HospitalOccupancy[]> AllHospitalsAsync() =>
        await Task.WhenAll(_catalog.Hospitals.Select(h => _cluster.Client.GetGrain<IHospitalGrain>(h.Id).GetOccupancyAsync()));

    private static int Occupied(HospitalOccupancy hospital, string department) => hospital.Departments.Single(d => d.Department == department).Occupied;

    [Fact]
    public async Task Transfers_between_departments_on_different_silos_keep_every_total_right()
    {
        var start = DateTimeOffset.UtcNow;
        await IngestAsync(_catalog.Hospitals.Select(h => TestEvents.Admission($"c-{h.Id}-0", $"P-c-{h.Id}", h.Id, Path[0], $"H{h.Id}-ER-01", start)).ToArray());

        for (var step = 0; step < Path.Length; step++)
        {
            if (step > 0)
            {
                var at = start.AddMinutes(step);
                var code = _catalog.GetDepartment(1, Path[step]).Code;
                await IngestAsync(_catalog.Hospitals.Select(h => TestEvents.Transfer($"c-{h.Id}-{step}", $"P-c-{h.Id}", h.Id, Path[step], $"H{h.Id}-{code}-01", at)).ToArray());
            }

            var current = Path[step];
            var hospitals = await Eventually.ReturnsAsync(AllHospitalsAsync, hs => hs.All(h => Occupied(h, current) == 1), TimeSpan.FromSeconds(20), $"every patient in {current}");
            Assert.All(hospitals, h =>
            {
                Assert.Equal(1, h.Occupied);
                Assert.All(h.Departments.Where(d => d.Department != current), d => Assert.Equal(0, d.Occupied));
            });

            // The department grains (wherever they live) receive the same numbers as their hospital.
            await Eventually.ReturnsAsync(
                async () => await Task.WhenAll(_catalog.Hospitals.Select(h => _cluster.Client.GetGrain<IDepartmentGrain>(DepartmentKey.Of(h.Id, current)).GetOccupancyAsync())),
                ds => ds.All(d => d?.Occupied == 1), TimeSpan.FromSeconds(20), $"department grains of {current} show the patient");
        }

        var placements = await DepartmentGrainSilosAsync();
        Assert.True(placements.Values.Distinct().Count() == 2, "department grains should be spread over both silos");
        Assert.Contains(_catalog.Hospitals, h => Enumerable.Range(1, Path.Length - 1)
            .Any(i => placements[DepartmentKey.Of(h.Id, Path[i - 1])] != placements[DepartmentKey.Of(h.Id, Path[i])]));
    }

    [Fact]
    public async Task Killing_a_silo_leaves_the_other_serving_and_applying_events()
    {
        await IngestAsync(_catalog.Hospitals.Select(h => TestEvents.Admission($"k-{h.Id}-0", $"P-k-{h.Id}", h.Id, "Oncology", $"H{h.Id}-ONC-01")).ToArray());
        await Eventually.ReturnsAsync(AllHospitalsAsync, hs => hs.All(h => Occupied(h, "Oncology") == 1), TimeSpan.FromSeconds(20), "first admissions applied");

        await _cluster.KillSiloAsync(_cluster.SecondarySilos[0]);

        // Grains that lived on the dead silo come back on the survivor; new events are applied everywhere.
        await Eventually.ReturnsAsync(async () =>
            {
                try
                {
                    await IngestAsync(_catalog.Hospitals.Select(h => TestEvents.Admission($"k-{h.Id}-1", $"P-k2-{h.Id}", h.Id, "Pediatrics", $"H{h.Id}-PEDS-01")).ToArray());
                    return await AllHospitalsAsync();
                }
                catch (Exception)
                {
                    return [];
                }
            },
            hs => hs.Length == 7 && hs.All(h => Occupied(h, "Pediatrics") == 1), TimeSpan.FromSeconds(90), "survivor serves every hospital and applies new events");
        Assert.Single(_cluster.GetActiveSilos());
    }

    private async Task<Dictionary<string, SiloAddress>> DepartmentGrainSilosAsync()
    {
        var management = _cluster.Client.GetGrain<IManagementGrain>(0);
        var statistics = await management.GetDetailedGrainStatistics();
        return statistics
            .Where(s => s.GrainType.Contains(nameof(DepartmentGrain), StringComparison.Ordinal))
            .GroupBy(s => s.GrainId.Key.ToString()!)
            .ToDictionary(g => g.Key, g => g.First().SiloAddress);
    }
}
