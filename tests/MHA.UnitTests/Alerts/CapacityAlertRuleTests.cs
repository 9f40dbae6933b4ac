using MHA.Grains.Alerts;

namespace MHA.UnitTests.Alerts;

/// <summary>Capacity alerts with hysteresis: raised at 85 / 95, cleared only below 83 / 93, so flicker pages once.</summary>
public sealed class CapacityAlertRuleTests
{
    private static CapacityAlertRule Rule() => new(new CapacityAlertOptions { HighPct = 85, CriticalPct = 95, ClearMarginPct = 2 });

    [Fact]
    public void Crossing_85_raises_high_once_and_flicker_around_it_raises_nothing_more()
    {
        var rule = Rule();
        Assert.Empty(rule.Evaluate(80).Raise);
        Assert.Equal([AlertKinds.CapacityHigh], rule.Evaluate(85).Raise.Select(l => l.Kind));
        foreach (var pct in new[] { 84.0, 85, 83.5, 85, 84, 86, 83 })
        {
            var decision = rule.Evaluate(pct);
            Assert.Empty(decision.Raise);
            Assert.Empty(decision.Resolve);
        }

        Assert.Equal([AlertKinds.CapacityHigh], rule.Evaluate(82.9).Resolve.Select(l => l.Kind));
        Assert.Equal([AlertKinds.CapacityHigh], rule.Evaluate(85).Raise.Select(l => l.Kind));
    }

    [Fact]
    public void Critical_is_its_own_level_with_its_own_clear_point()
    {
        var rule = Rule();
        rule.Evaluate(50);
        Assert.Equal([AlertKinds.CapacityHigh, AlertKinds.CapacityCritical], rule.Evaluate(96).Raise.Select(l => l.Kind));
        Assert.Empty(rule.Evaluate(94).Resolve);
        var down = rule.Evaluate(90);
        Assert.Equal([AlertKinds.CapacityCritical], down.Resolve.Select(l => l.Kind));
        Assert.Empty(down.Raise);
    }

    [Fact]
    public void The_first_reading_resolves_levels_it_is_clearly_below_and_leaves_the_band_alone()
    {
        Assert.Equal(2, Rule().Evaluate(50).Resolve.Count);
        var inBand = Rule().Evaluate(84);
        Assert.Equal([AlertKinds.CapacityCritical], inBand.Resolve.Select(l => l.Kind));
        Assert.Empty(inBand.Raise);
    }

    [Fact]
    public void In_a_small_unit_one_patient_in_and_out_never_clears_the_alert()
    {
        var rule = Rule();
        Assert.Single(rule.Evaluate(85, staffedBeds: 20).Raise);
        for (var i = 0; i < 5; i++)
        {
            Assert.Empty(rule.Evaluate(80, staffedBeds: 20).Resolve);
            Assert.Empty(rule.Evaluate(85, staffedBeds: 20).Raise);
        }

        Assert.Single(rule.Evaluate(75, staffedBeds: 20).Resolve);
    }

    [Fact]
    public void Keys_name_hospital_department_and_level()
    {
        var level = Rule().Evaluate(99).Raise[0];
        Assert.Equal("capacity/1/ICU/high", CapacityAlertRule.KeyOf(1, "ICU", level));
    }
}
