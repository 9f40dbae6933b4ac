using MHA.Bench.Cli;

namespace MHA.Bench.Stages;

/// <summary>One measurement of the table. Profile-independent stages run once; the others once per profile.</summary>
public interface IBenchStage
{
    /// <summary>The name used by <c>--only</c> and in the table.</summary>
    string Name { get; }

    bool PerProfile { get; }

    /// <summary>Measures and adds results to <see cref="BenchContext.Report"/>; <paramref name="profile"/> is null for profile-independent stages.</summary>
    Task RunAsync(BenchContext context, BenchProfile? profile, CancellationToken cancellationToken);
}
