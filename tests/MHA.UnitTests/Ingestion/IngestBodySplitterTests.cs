using System.Text;
using MHA.Grains.Ingestion;

namespace MHA.UnitTests.Ingestion;

public sealed class IngestBodySplitterTests
{
    private static string[] Items(string body) =>
        IngestBodySplitter.Split(Encoding.UTF8.GetBytes(body)).Select(i => i.FramingError ?? Encoding.UTF8.GetString(i.Payload.Span)).ToArray();

    [Fact]
    public void Json_array_elements_keep_their_exact_bytes()
    {
        Assert.Equal(["{\"a\": 1}", "{ \"b\":[1, 2] }", "3"], Items("[ {\"a\": 1},{ \"b\":[1, 2] } , 3 ]"));
    }

    [Fact]
    public void Ndjson_lines_are_items_and_blank_lines_are_skipped()
    {
        Assert.Equal(["{\"a\":1}", "not json", "{\"b\":2}"], Items("{\"a\":1}\r\n\nnot json\n{\"b\":2}"));
    }

    [Fact]
    public void A_single_pretty_printed_object_is_one_item()
    {
        Assert.Single(Items("{\n  \"a\": 1,\n  \"b\": 2\n}\n"));
    }

    [Fact]
    public void A_broken_array_keeps_the_items_before_the_break()
    {
        var items = Items("[{\"a\":1},{\"b\":2},{\"c\":");
        Assert.Equal(3, items.Length);
        Assert.Equal("{\"a\":1}", items[0]);
        Assert.StartsWith("malformed JSON array", items[2]);
    }

    [Fact]
    public void Empty_body_has_no_items()
    {
        Assert.Empty(Items("  \n "));
    }

    [Fact]
    public void Items_keep_trailing_multibyte_characters_and_a_leading_byte_order_mark_is_dropped()
    {
        var body = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("{\"a\":1}\nnot json »\n")).ToArray();
        var items = IngestBodySplitter.Split(body).Select(i => Encoding.UTF8.GetString(i.Payload.Span)).ToArray();
        Assert.Equal(["{\"a\":1}", "not json »"], items);
    }
}
