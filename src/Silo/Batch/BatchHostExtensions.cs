using MHA.Grains.Batch;

namespace MHA.Silo.Batch;

/// <summary>Wires daily EHR batches and department metadata from the landing zone: options, processors, watcher, daily reminder.</summary>
public static class BatchHostExtensions
{
    public static WebApplicationBuilder AddBatchIngestion(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<BatchOptions>().Bind(builder.Configuration.GetSection(BatchOptions.Section))
            .Validate(o => o.SettleTime >= TimeSpan.Zero && o.IngestChunkRows > 0, "Batch:SettleTime must not be negative, Batch:IngestChunkRows must be positive.")
            .ValidateOnStart();
        builder.Services.AddSingleton<EhrBatchProcessor>();
        builder.Services.AddSingleton<DepartmentMetadataSync>();
        if (builder.Configuration.GetValue($"{BatchOptions.Section}:{nameof(BatchOptions.Enabled)}", true))
        {
            builder.Services.AddHostedService<LandingZoneWatcher>();
            builder.Services.AddHostedService<DailyBatchScheduler>();
        }

        return builder;
    }
}
