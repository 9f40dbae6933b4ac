using MHA.Grains.Alerts;

namespace MHA.Silo.Alerts;

/// <summary>Wires alerting: options, the publisher and its outbox, webhook delivery, and the alert sources that watch the host.</summary>
public static class AlertHostExtensions
{
    public static WebApplicationBuilder AddAlerts(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<AlertOptions>().Bind(builder.Configuration.GetSection(AlertOptions.Section))
            .Validate(o => o.Endpoints.All(e => Uri.TryCreate(e.Url, UriKind.Absolute, out var u) && u.Scheme is "http" or "https"),
                "Every Alerts:Endpoints:n:Url must be an absolute http(s) URL.")
            .Validate(o => o.Endpoints.All(e => IsSecret(e.Secret)), "Every Alerts:Endpoints:n:Secret must be 'whsec_' followed by base64 bytes.")
            .Validate(o => o.NamedEndpoints().Select(e => e.Name).Distinct(StringComparer.Ordinal).Count() == o.Endpoints.Count, "Alert endpoint names must be unique.")
            .Validate(o => o.RetryInitialDelay > TimeSpan.Zero && o.RetryMaxDelay >= o.RetryInitialDelay && o.DeliveryTimeout > TimeSpan.Zero && o.MonitorInterval > TimeSpan.Zero,
                "Alerts retry delays, timeout and monitor interval must be positive.")
            .Validate(o => o.Capacity.HighPct > 0 && o.Capacity.HighPct <= o.Capacity.CriticalPct && o.Capacity.ClearMarginPct >= 0,
                "Alerts:Capacity: 0 < HighPct ≤ CriticalPct, ClearMarginPct ≥ 0.")
            .Validate(o => o.QualityWindowItems > 0 && o.ConsumerLagRows > 0 && o.LakeWriteFailedFlushes > 0, "Alerts thresholds must be positive.")
            .ValidateOnStart();
        // The CloudEvents source names the silo that sent the message.
        var instance = builder.Configuration.GetValue<int>($"{SiloHostOptions.Section}:{nameof(SiloHostOptions.InstanceId)}");
        builder.Services.PostConfigure<AlertOptions>(o =>
        {
            o.Source = $"{o.Source.TrimEnd('/')}/silo-{instance}";
            o.OutboxId ??= instance.ToString(System.Globalization.CultureInfo.InvariantCulture);
        });

        builder.Services.AddHttpClient(AlertDeliveryService.HttpClientName);
        builder.Services.AddSingleton<AlertOutbox>();
        builder.Services.AddSingleton<AlertEndpointHealth>();
        builder.Services.AddSingleton<WebhookAlertPublisher>();
        builder.Services.AddSingleton<IAlertPublisher>(sp => sp.GetRequiredService<WebhookAlertPublisher>());
        builder.Services.AddHostedService<AlertDeliveryService>();
        builder.Services.AddHostedService<LakeAlertMonitor>();
        builder.Services.AddHostedService<SiloMembershipAlertService>();
        return builder;
    }

    private static bool IsSecret(string secret)
    {
        try
        {
            return secret.StartsWith(WebhookSigner.SecretPrefix, StringComparison.Ordinal) && WebhookSigner.KeyOf(secret).Length > 0;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
