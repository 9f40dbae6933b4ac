using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging;

namespace MHA.IntegrationTests.Infrastructure;

/// <summary>
/// Every log line of an in-process host, in every category at Information and above whatever level the console is
/// given, with scopes and the full text of exceptions: kept for assertions (no patient id may appear, <see cref="PhiScan"/>)
/// and written as it comes to <c>artifacts/test-output/logs/{name}.log</c>.
/// </summary>
public sealed class LogCapture : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly StreamWriter _file;
    private IExternalScopeProvider? _scopes;
    private bool _closed;

    public LogCapture(string name)
    {
        var folder = Path.Combine(RepositoryPaths.TestOutput, "logs");
        Directory.CreateDirectory(folder);
        FilePath = Path.Combine(folder, $"{name}.log");
        _file = new StreamWriter(FilePath, append: false, Encoding.UTF8) { AutoFlush = true };
    }

    public string FilePath { get; }

    public IReadOnlyList<string> Lines => _lines.ToArray();

    /// <summary>Adds this provider to a host's logging, with its own rule so the console's filters do not apply to it.</summary>
    public void AttachTo(ILoggingBuilder logging)
    {
        logging.AddProvider(this);
        logging.AddFilter<LogCapture>(null, LogLevel.Information);
    }

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    /// <summary>Closes the file; lines logged later (a host still stopping) are kept in memory only.</summary>
    public void Dispose()
    {
        lock (_file)
        {
            _closed = true;
            _file.Dispose();
        }
    }

    private void Add(string line)
    {
        _lines.Enqueue(line);
        lock (_file)
        {
            if (!_closed) _file.WriteLine(line);
        }
    }

    private sealed class CapturingLogger(LogCapture capture, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => capture._scopes?.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel is >= LogLevel.Information and < LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (!IsEnabled(logLevel)) return;
            var line = new StringBuilder().Append(DateTimeOffset.UtcNow.ToString("HH:mm:ss.fff")).Append(' ').Append(logLevel).Append(' ')
                .Append(category).Append(": ").Append(formatter(state, exception));
            capture._scopes?.ForEachScope((scope, text) => text.Append(" => ").Append(scope), line);
            if (exception is not null) line.AppendLine().Append(exception);
            capture.Add(line.ToString());
        }
    }
}
