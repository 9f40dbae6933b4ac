namespace MHA.Grains.Lake;

/// <summary>
/// Ingest sequence numbers that are unique across every silo writing one lake and roughly follow time: a hybrid logical
/// clock in milliseconds (1,024 numbers per millisecond before it runs ahead of the wall clock, never backwards) shifted
/// left by 8 bits, with the writer's id (0..255, <c>Lake:WriterId</c>) in the low bits. One writer's numbers only grow,
/// including across restarts (it starts above the highest number found in the lake).
/// </summary>
public sealed class LakeSequence(int writerId, TimeProvider time)
{
    public const int WriterBits = 8;
    public const int MaxWriterId = (1 << WriterBits) - 1;
    private const int PerMillisecond = 1024;

    private readonly int _writerId = writerId is >= 0 and <= MaxWriterId
        ? writerId
        : throw new ArgumentOutOfRangeException(nameof(writerId), $"A lake writer id is 0..{MaxWriterId}.");

    private long _clock;

    public int WriterId => _writerId;

    /// <summary>The writer that assigned <paramref name="seq"/>.</summary>
    public static int WriterOf(long seq) => (int)(seq & MaxWriterId);

    /// <summary>About when <paramref name="seq"/> was assigned (its clock part).</summary>
    public static DateTimeOffset TimeOf(long seq) => DateTimeOffset.FromUnixTimeMilliseconds((seq >> WriterBits) / PerMillisecond);

    /// <summary>The smallest sequence number any writer assigns at or after <paramref name="at"/>.</summary>
    public static long AtOrAfter(DateTimeOffset at) => (at.ToUnixTimeMilliseconds() * PerMillisecond) << WriterBits;

    /// <summary>Moves the clock past <paramref name="seq"/> (the highest number already in the lake). Not thread-safe: call under the writer's lock.</summary>
    public void Observe(long seq) => _clock = Math.Max(_clock, seq >> WriterBits);

    /// <summary>The next number. Not thread-safe: call under the writer's lock.</summary>
    public long Next()
    {
        _clock = Math.Max(_clock + 1, time.GetUtcNow().ToUnixTimeMilliseconds() * PerMillisecond);
        return (_clock << WriterBits) | (long)_writerId;
    }
}
