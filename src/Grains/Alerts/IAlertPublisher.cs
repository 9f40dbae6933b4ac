namespace MHA.Grains.Alerts;

/// <summary>Raises and resolves alerts; the implementation delivers them (webhooks) and shows the active ones on the board.</summary>
public interface IAlertPublisher
{
    /// <summary>Raises the alert <see cref="AlertSignal.Key"/>; nothing happens when it is already active.</summary>
    Task RaiseAsync(AlertSignal signal, CancellationToken cancellationToken = default);

    /// <summary>Resolves the active alert with this key (a resolve event is sent); nothing happens when it is not active.</summary>
    Task ResolveAsync(string key, CancellationToken cancellationToken = default);
}
