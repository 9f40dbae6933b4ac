using System.Text;

namespace MHA.Grains.Security;

/// <summary>
/// An exception to hand a logger in place of one that may quote data (see <see cref="RedactedText"/>): it keeps the
/// original's type, stack trace and inner exceptions (of an <see cref="AggregateException"/>: the first with its stack
/// trace, every one in the message), with every message redacted, so a failure stays diagnosable without its values
/// reaching the log.
/// </summary>
public sealed class RedactedException : Exception
{
    private readonly string? _stackTrace;

    public RedactedException(Exception original)
        : base(original is AggregateException ? $"{original.GetType().Namespace}.{RedactedText.Of(original)}" : $"{original.GetType().FullName}: {RedactedText.Of(original.Message)}",
            original.InnerException is { } inner ? new RedactedException(inner) : null)
    {
        _stackTrace = original.StackTrace;
        HResult = original.HResult;
    }

    public override string? StackTrace => _stackTrace;

    public override string ToString()
    {
        var text = new StringBuilder(Message);
        if (InnerException is not null) text.Append(" ---> ").Append(InnerException).AppendLine().Append("   --- End of inner exception stack trace ---");
        if (_stackTrace is not null) text.AppendLine().Append(_stackTrace);
        return text.ToString();
    }
}
