using MHA.Grains.Security;

namespace MHA.UnitTests.Security;

/// <summary>Text for logs and alerts loses the values it quotes (which can be patient ids), and keeps what explains the failure.</summary>
public sealed class RedactedTextTests
{
    [Theory]
    [InlineData("no readable row: line 2: effective_time 'P-000123' is not a timestamp", "no readable row: line 2: effective_time '…' is not a timestamp")]
    [InlineData("unknown department \"P-000123\"", "unknown department \"…\"")]
    [InlineData("An item with the same key has already been added. Key: P-000123", "An item with the same key has already been added. Key: …")]
    [InlineData("Gold's keys and the silo's disk are fine", "Gold's keys and the silo's disk are fine")]
    [InlineData("Connection refused (127.0.0.1:10000)", "Connection refused (127.0.0.1:10000)")]
    public void Quoted_values_and_dictionary_keys_become_an_ellipsis(string text, string redacted)
    {
        Assert.Equal(redacted, RedactedText.Of(text));
    }

    [Fact]
    public void Exceptions_of_the_runtime_that_quote_their_input_lose_it_with_their_inner_exceptions()
    {
        var notFound = Assert.Throws<KeyNotFoundException>(() => new Dictionary<string, int>()["P-000123"]);
        var badNumber = Assert.Throws<FormatException>(() => int.Parse("P-000124", System.Globalization.CultureInfo.InvariantCulture));
        var wrapped = new InvalidOperationException("Gold refresh failed", new AggregateException(notFound, badNumber));

        var text = RedactedText.Of(wrapped);
        Assert.DoesNotContain("P-00012", text);
        Assert.Contains("KeyNotFoundException", text);
        Assert.Contains("FormatException", text);
    }

    [Fact]
    public void A_redacted_exception_keeps_type_and_stack_trace_and_loses_the_values()
    {
        Exception original;
        try
        {
            _ = new Dictionary<string, int>()["P-000123"];
            throw new InvalidOperationException("unreachable");
        }
        catch (KeyNotFoundException ex)
        {
            original = new InvalidOperationException("Refresh failed for 'P-000125'", ex);
        }

        var redacted = new RedactedException(original).ToString();
        Assert.DoesNotContain("P-00012", redacted);
        Assert.Contains("System.InvalidOperationException", redacted);
        Assert.Contains("System.Collections.Generic.KeyNotFoundException", redacted);
        Assert.Contains(nameof(A_redacted_exception_keeps_type_and_stack_trace_and_loses_the_values), redacted);
    }
}
