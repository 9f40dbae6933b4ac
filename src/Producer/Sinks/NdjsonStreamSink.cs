using System.Text;
using MHA.Producer.Simulation;

namespace MHA.Producer.Sinks;

/// <summary>
/// Writes events as NDJSON (one JSON object per line, <c>\n</c>, UTF-8 without BOM) to a file or stdout.
/// The bytes depend only on the events, so a seed gives the same file every time.
/// </summary>
internal sealed class NdjsonStreamSink : IEventSink
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    private readonly Stream _stream;
    private readonly bool _ownsStream;
    private readonly StreamWriter _writer;

    public NdjsonStreamSink(Stream stream, bool ownsStream)
    {
        _stream = stream;
        _ownsStream = ownsStream;
        _writer = new StreamWriter(stream, Utf8NoBom, bufferSize: 1 << 16, leaveOpen: true) { NewLine = "\n" };
    }

    public static NdjsonStreamSink ForFile(string path) =>
        new(new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.Read, bufferSize: 1 << 16, useAsync: true), ownsStream: true);

    public async Task SendAsync(IReadOnlyList<GeneratedEvent> batch, CancellationToken cancellationToken)
    {
        foreach (var e in batch)
        {
            await _writer.WriteAsync(e.Json.AsMemory(), cancellationToken);
            await _writer.WriteAsync('\n');
        }

        // Flushed per batch so a reader tailing the file (or a pipe) sees events as they are produced.
        await _writer.FlushAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _writer.DisposeAsync();
        if (_ownsStream)
        {
            await _stream.DisposeAsync();
        }
    }
}
