namespace MHA.Bench.Cli;

/// <summary>The engine profiles the bench runs: the embedded default (memory streams, local lake folder) and local (Azurite).</summary>
public enum BenchProfile
{
    Embedded,
    Local,
}
