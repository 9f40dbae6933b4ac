using MHA.Grains.Lake;

namespace MHA.UnitTests.Lake;

public sealed class LakeSequenceTests
{
    private sealed class ManualClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    [Fact]
    public void Two_writers_never_assign_the_same_number_and_each_names_its_writer()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero));
        var first = new LakeSequence(0, clock);
        var second = new LakeSequence(1, clock);

        var numbers = Enumerable.Range(0, 5_000).SelectMany(_ => new[] { first.Next(), second.Next() }).ToArray();

        Assert.Equal(numbers.Length, numbers.Distinct().Count());
        Assert.All(numbers.Where((_, i) => i % 2 == 0), n => Assert.Equal(0, LakeSequence.WriterOf(n)));
        Assert.All(numbers.Where((_, i) => i % 2 == 1), n => Assert.Equal(1, LakeSequence.WriterOf(n)));
    }

    [Fact]
    public void Numbers_only_grow_even_when_the_clock_goes_back_or_the_lake_holds_higher_ones()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 11, 25, 10, 0, 0, TimeSpan.Zero));
        var sequence = new LakeSequence(3, clock);
        var before = sequence.Next();
        clock.Now -= TimeSpan.FromHours(1);
        var afterClockWentBack = sequence.Next();
        sequence.Observe(LakeSequence.AtOrAfter(clock.Now + TimeSpan.FromDays(1)));
        var afterObserving = sequence.Next();

        Assert.True(afterClockWentBack > before);
        Assert.True(afterObserving > LakeSequence.AtOrAfter(clock.Now + TimeSpan.FromDays(1)));
    }

    [Fact]
    public void A_number_carries_the_time_it_was_assigned()
    {
        var at = new DateTimeOffset(2026, 11, 25, 10, 0, 0, 123, TimeSpan.Zero);
        var sequence = new LakeSequence(7, new ManualClock(at));

        Assert.Equal(at, LakeSequence.TimeOf(sequence.Next()));
        Assert.Throws<ArgumentOutOfRangeException>(() => new LakeSequence(256, TimeProvider.System));
    }
}
