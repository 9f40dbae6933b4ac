using MHA.Grains.Contracts;
using MHA.Grains.Lake;
using MHA.Grains.Lake.Gold;

namespace MHA.UnitTests.Lake;

public sealed class HospitalHistoryTests
{
    private static SilverEvent Row(long applySeq) => new(applySeq * 10, applySeq, new AdtEvent { EventId = $"e{applySeq}", HospitalId = 1, PatientId = "p", Type = AdtEventType.Update, EventTime = DateTimeOffset.UnixEpoch, ReceivedAt = DateTimeOffset.UnixEpoch });

    [Fact]
    public void Numbers_a_crashed_silo_never_wrote_are_missing_unless_recorded_as_gaps()
    {
        var history = new HospitalHistory([Row(1), Row(2), Row(5), Row(6), Row(9)], [new ApplyGap(7, 8)]);

        Assert.Equal(9, history.LastApplySeq);
        Assert.Equal([new ApplyGap(3, 4)], history.Missing());
    }

    [Fact]
    public void A_complete_history_misses_nothing()
    {
        Assert.Empty(new HospitalHistory([Row(1), Row(2), Row(3)], []).Missing());
        Assert.Empty(new HospitalHistory([], []).Missing());
        Assert.Equal(0, new HospitalHistory([], []).LastApplySeq);
    }
}
