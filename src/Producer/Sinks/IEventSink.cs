using MHA.Producer.Simulation;

namespace MHA.Producer.Sinks;

/// <summary>Where generated events go: an NDJSON file or stdout, the engine's HTTP endpoint, or Event Hubs.</summary>
internal interface IEventSink : IAsyncDisposable
{
    /// <summary>Delivers one batch, in order; returns only once the batch is accepted, throws <see cref="SinkFailedException"/> when it cannot be.</summary>
    Task SendAsync(IReadOnlyList<GeneratedEvent> batch, CancellationToken cancellationToken);
}
