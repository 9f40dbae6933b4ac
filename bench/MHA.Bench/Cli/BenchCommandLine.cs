namespace MHA.Bench.Cli;

/// <summary>Parses the bench's command line (see <see cref="Usage"/>).</summary>
public static class BenchCommandLine
{
    public const string Usage = """
        MHA bench: measures the engine and prints one table (also written as JSON).

          bash bench/run.sh [options]          (builds Release, starts Azurite for the local profile, runs)

          --profile embedded,local   profiles to run (default: both)
          --size smoke|small|medium|full       how much work (default: full; docs/performance.md)
          --seed N                   producer seed (default 7)
          --only floor,ingest,...    run only these stages (floor, ingest, latency, gold, memory, replay)
          --json PATH                results file (default: artifacts/bench/bench-<size>-<time>.json)
          --work PATH                scratch folder for lakes (default: a temporary folder, deleted after)
          --azurite CONNECTION       Azurite connection string for the local profile (bench/run.sh starts one)
        """;

    public static BenchSettings? Parse(IReadOnlyList<string> args, DateTimeOffset now)
    {
        var profiles = new List<BenchProfile> { BenchProfile.Embedded, BenchProfile.Local };
        var size = BenchSize.Full;
        var seed = 7;
        var stages = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        string? json = null, work = null;
        var azurite = Environment.GetEnvironmentVariable("MHA_BENCH_AZURITE");
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--help" or "-h":
                    return null;
                case "--profile":
                    profiles = Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                        .Select(p => Enum.TryParse<BenchProfile>(p, ignoreCase: true, out var parsed) ? parsed : throw new ArgumentException($"Unknown profile '{p}'."))
                        .Distinct().ToList();
                    break;
                case "--size":
                    size = BenchSize.Parse(Value());
                    break;
                case "--seed":
                    seed = int.TryParse(Value(), out var s) ? s : throw new ArgumentException("--seed needs a number.");
                    break;
                case "--only":
                    stages.UnionWith(Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
                    break;
                case "--json":
                    json = Value();
                    break;
                case "--work":
                    work = Value();
                    break;
                case "--azurite":
                    azurite = Value();
                    break;
                default:
                    throw new ArgumentException($"Unknown option '{args[i]}'.");
            }
        }

        if (profiles.Count == 0) throw new ArgumentException("--profile lists no profile.");
        if (profiles.Contains(BenchProfile.Local) && string.IsNullOrWhiteSpace(azurite))
        {
            throw new ArgumentException("The local profile needs Azurite: run through bench/run.sh, or pass --azurite CONNECTION (or MHA_BENCH_AZURITE).");
        }

        json ??= Path.Combine("artifacts", "bench", $"bench-{size.Name}-{now:yyyyMMddTHHmmss}.json");
        work ??= Path.Combine(Path.GetTempPath(), $"mha-bench-{now:yyyyMMddTHHmmss}-{Environment.ProcessId}");
        return new BenchSettings(profiles, size, seed, stages, json, work, azurite);
    }
}
