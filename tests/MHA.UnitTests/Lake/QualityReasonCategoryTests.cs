using MHA.Grains.Lake.Quality;

namespace MHA.UnitTests.Lake;

/// <summary>Quality reports group quarantine reasons without their values or line numbers: the quality page shows the keys to every board user.</summary>
public sealed class QualityReasonCategoryTests
{
    [Theory]
    [InlineData("unknown hospital_id 99", "unknown hospital_id")]
    [InlineData("unknown department 'Dentistry'", "unknown department")]
    [InlineData("hospital_id 'P-000123' is not a number", "hospital_id is not a number")]
    [InlineData("line 7: age 'P-000123' is not a number", "age is not a number")]
    [InlineData("batch file rejected: no readable row: line 2: effective_time 'P-000123' is not a timestamp", "batch file rejected: no readable row: effective_time is not a timestamp")]
    [InlineData("malformed JSON: 'P' is an invalid start of a value.", "malformed JSON")]
    [InlineData("missing patient_id", "missing patient_id")]
    [InlineData(null, "unknown")]
    public void A_reason_is_grouped_by_what_went_wrong_not_by_the_value(string? reason, string category)
    {
        Assert.Equal(category, QualityReporter.ReasonCategory(reason));
    }
}
