using MHA.Grains.Audit;
using MHA.Grains.Lake;
using MHA.Grains.Lake.Gold;
using MHA.Grains.Lake.Quality;
using MHA.Grains.Lake.Replay;
using MHA.Grains.Lake.Storage;
using MHA.Silo.Profiles;
using Microsoft.Extensions.Options;

namespace MHA.Silo.Lake;

/// <summary>Wires the lake: storage backend, writer, Gold builder, quality reporter and their background jobs.</summary>
public static class LakeHostExtensions
{
    /// <summary>
    /// The lake's storage and writer, the audit log written through it, and the flush job. Call before the Orleans silo is added: hosted services stop in
    /// reverse order, so the final flush runs after the silo has stopped and its grains appended their last Silver rows.
    /// </summary>
    public static WebApplicationBuilder AddLakeWriter(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<LakeOptions>().Bind(builder.Configuration.GetSection(LakeOptions.Section))
            .Validate(o => o.FlushInterval > TimeSpan.Zero && o.FlushMaxRows > 0, "Lake:FlushInterval and Lake:FlushMaxRows must be positive.")
            .Validate(o => o.GoldRefreshFileThreshold > 0 && o.GoldRefreshMaxInterval > TimeSpan.Zero, "Lake Gold refresh settings must be positive.")
            .ValidateOnStart();
        // Every silo writing one lake needs its own writer id: unless set, the instance id in the embedded profile; the
        // durable profiles lease one from the cluster (LakeWriterLeaseService), since replicas may share a configuration.
        if (builder.Configuration.GetEngineProfile() == EngineProfile.Embedded)
        {
            builder.Services.PostConfigure<LakeOptions>(o => o.WriterId ??= builder.Configuration.GetValue<int>($"{SiloHostOptions.Section}:{nameof(SiloHostOptions.InstanceId)}"));
        }

        builder.Services.AddSingleton(sp => LakeStorageFactory.Create(sp.GetRequiredService<IOptions<LakeOptions>>().Value));
        builder.Services.AddSingleton<LakeWriter>();
        builder.Services.AddSingleton<AuditLog>();
        builder.Services.AddSingleton<SilverHistoryReader>();
        builder.Services.AddHostedService<LakeFlushService>();
        return builder;
    }

    /// <summary>The jobs that need the running silo: recovery on start, Gold refresh, quality reports, compaction.</summary>
    public static WebApplicationBuilder AddLakeJobs(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<LakeMaintenanceLease>();
        builder.Services.AddSingleton<GoldStarSchemaBuilder>();
        builder.Services.AddSingleton<QualityReporter>();
        builder.Services.AddSingleton<GoldRefreshJob>();
        builder.Services.AddSingleton<LakeCompactor>();
        builder.Services.AddSingleton<LakeWriterLeaseService>();
        builder.Services.AddHostedService<LakeRecoveryService>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<LakeWriterLeaseService>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<GoldRefreshJob>());
        builder.Services.AddHostedService<LakeCompactionJob>();
        builder.Services.AddOptions<ReplayOptions>().Bind(builder.Configuration.GetSection(ReplayOptions.Section))
            .Validate(o => o.BatchSize > 0, "Replay:BatchSize must be positive.");
        builder.Services.AddSingleton<BronzeReplayer>();
        builder.Services.AddSingleton<BronzeReplayService>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<BronzeReplayService>());
        return builder;
    }
}
