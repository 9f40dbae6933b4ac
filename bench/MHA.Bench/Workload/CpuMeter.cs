using System.Diagnostics;

namespace MHA.Bench.Workload;

/// <summary>Process CPU time over a measured span: how busy the cores were, and CPU time per unit of work.</summary>
public sealed class CpuMeter
{
    private readonly TimeSpan _cpuAtStart = Process.GetCurrentProcess().TotalProcessorTime;
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    /// <summary>Share of all cores' time the process used since the start (1 = every core busy all the time).</summary>
    public double Utilization => Cpu.TotalSeconds / (_clock.Elapsed.TotalSeconds * Environment.ProcessorCount);

    public TimeSpan Cpu => Process.GetCurrentProcess().TotalProcessorTime - _cpuAtStart;

    public double MicrosecondsPer(long units) => Cpu.TotalMicroseconds / Math.Max(1, units);

    public string Describe(long events) => $"CPU {Utilization:P0} of {Environment.ProcessorCount} cores, {MicrosecondsPer(events):0} µs CPU per event";
}
