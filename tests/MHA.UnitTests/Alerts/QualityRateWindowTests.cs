using MHA.Grains.Alerts;

namespace MHA.UnitTests.Alerts;

/// <summary>The data-quality alert's measure: the quarantine share of the last N received items, from running totals.</summary>
public sealed class QualityRateWindowTests
{
    [Fact]
    public void Reports_nothing_until_the_window_is_full_then_the_share_of_the_newest_window()
    {
        var window = new QualityRateWindow(100);
        Assert.Null(window.Observe(0, 0));
        Assert.Null(window.Observe(50, 5));
        Assert.Equal(10.0, window.Observe(100, 10));
        // 100 more items, 40 of them quarantined: the old, clean ones no longer count.
        Assert.Equal(40.0, window.Observe(200, 50));
    }
}
