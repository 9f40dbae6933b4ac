namespace MHA.Producer.Sinks;

/// <summary>A sink gave up on a batch; the message says why, without any event content (it may hold patient data).</summary>
internal sealed class SinkFailedException(string message, Exception? inner = null) : Exception(message, inner);
