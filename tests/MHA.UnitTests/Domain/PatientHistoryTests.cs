using MHA.Grains.Contracts;
using MHA.Grains.Domain;

namespace MHA.UnitTests.Domain;

public sealed class PatientHistoryTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static PatientObservation At(int day, string? gender, int? age, string? insurance) =>
        new($"e{day}", T0.AddDays(day), gender, age, insurance);

    [Fact]
    public void Unchanged_attributes_open_no_version()
    {
        var history = new PatientHistory();
        Assert.True(history.Observe(At(0, "Female", 40, "Private")));
        Assert.False(history.Observe(At(1, "Female", 40, "Private")));
        Assert.Single(history.Versions);
    }

    [Fact]
    public void A_changed_attribute_closes_the_current_version_and_opens_a_new_one()
    {
        var history = new PatientHistory();
        history.Observe(At(0, "Female", 40, "Private"));
        Assert.True(history.Observe(At(10, "Female", 40, "Medicare")));

        Assert.Equal(2, history.Versions.Count);
        Assert.Equal(T0.AddDays(10), history.Versions[0].EffectiveTo);
        Assert.False(history.Versions[0].IsCurrent);
        Assert.True(history.Versions[1].IsCurrent);
        Assert.Equal("Medicare", history.Current!.InsuranceType);
        Assert.Single(history.Versions, v => v.IsCurrent);
    }

    [Fact]
    public void Missing_or_invalid_values_carry_the_last_known_value_forward()
    {
        var history = new PatientHistory();
        history.Observe(At(0, "Male", 70, "Medicare"));
        Assert.False(history.Observe(At(1, null, null, null)));
        Assert.Equal(70, history.LastKnownAge);
    }

    [Fact]
    public void Late_observations_do_not_rewrite_history()
    {
        var history = new PatientHistory();
        history.Observe(At(5, "Male", 70, "Medicare"));
        Assert.False(history.Observe(At(1, "Male", 69, "Private")));
        Assert.Single(history.Versions);
    }

    [Fact]
    public void Validity_intervals_never_overlap()
    {
        var history = new PatientHistory();
        for (var day = 0; day < 20; day++)
        {
            history.Observe(At(day, day % 7 == 0 ? "Female" : "Male", 30 + day / 5, day % 3 == 0 ? "Private" : "Medicaid"));
        }

        for (var i = 1; i < history.Versions.Count; i++)
        {
            Assert.Equal(history.Versions[i - 1].EffectiveTo, history.Versions[i].EffectiveFrom);
            Assert.True(history.Versions[i].EffectiveFrom > history.Versions[i - 1].EffectiveFrom);
        }
    }
}
