using System.Text;

namespace MHA.Grains.Batch;

/// <summary>Splits one CSV line (RFC 4180: comma-separated, fields may be double-quoted, <c>""</c> is a quote) into its fields.</summary>
public static class CsvRecord
{
    /// <summary>The fields of <paramref name="line"/>, or null when a quoted field is not closed.</summary>
    public static string[]? Split(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted)
            {
                if (c != '"') field.Append(c);
                else if (i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
                else quoted = false;
            }
            else if (c == '"' && field.Length == 0) quoted = true;
            else if (c == ',') { fields.Add(field.ToString().Trim()); field.Clear(); }
            else field.Append(c);
        }

        if (quoted) return null;
        fields.Add(field.ToString().Trim());
        return fields.ToArray();
    }
}
