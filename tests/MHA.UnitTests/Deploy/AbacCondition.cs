using System.Text.RegularExpressions;

namespace MHA.UnitTests.Deploy;

/// <summary>
/// Evaluates an Azure role assignment condition (version 2.0) for a <see cref="BlobRequest"/>: the subset the lake's
/// conditions use (ActionMatches, SubOperationMatches, container name, blob path, list prefix; StringEquals,
/// StringStartsWith, StringNotStartsWith; AND, OR, NOT, !). Like Azure, it refuses AND and OR mixed without parentheses,
/// and unknown attributes or operators, so a condition Azure would reject fails here too.
/// </summary>
public sealed partial class AbacCondition
{
    private readonly List<string> _tokens;
    private int _next;

    private AbacCondition(string condition) => _tokens = Token().Matches(condition).Select(m => m.Value).ToList();

    public static bool Allows(string condition, BlobRequest request)
    {
        var parser = new AbacCondition(condition);
        var result = parser.Expression(request);
        if (parser._next != parser._tokens.Count) throw new FormatException($"Unexpected '{parser._tokens[parser._next]}' in condition: {condition}");
        return result;
    }

    private bool Expression(BlobRequest request)
    {
        var value = Unary(request);
        string? joiner = null;
        while (Peek() is "AND" or "OR" or "&&" or "||")
        {
            var op = Take() is "AND" or "&&" ? "AND" : "OR";
            if (joiner is not null && joiner != op) throw new FormatException("AND and OR mixed without parentheses.");
            joiner = op;
            var right = Unary(request);
            value = op == "AND" ? value && right : value || right;
        }

        return value;
    }

    private bool Unary(BlobRequest request)
    {
        if (Peek() is "!" or "NOT")
        {
            Take();
            return !Unary(request);
        }

        if (Peek() == "(")
        {
            Take();
            var inner = Expression(request);
            Expect(")");
            return inner;
        }

        var head = Take();
        if (head.StartsWith("ActionMatches{", StringComparison.Ordinal)) return Quoted(head) == request.Action;
        if (head.StartsWith("SubOperationMatches{", StringComparison.Ordinal)) return Quoted(head) == request.SubOperation;
        var attribute = head switch
        {
            "@Resource[Microsoft.Storage/storageAccounts/blobServices/containers:name]" => request.Container,
            "@Resource[Microsoft.Storage/storageAccounts/blobServices/containers/blobs:path]" => request.Path,
            "@Request[Microsoft.Storage/storageAccounts/blobServices/containers/blobs:prefix]" => request.Prefix,
            _ => throw new FormatException($"Unknown attribute or function: {head}"),
        };
        var op = Take();
        var literal = Quoted(Take());
        // An attribute the request does not carry (no path when listing) matches nothing.
        if (attribute is null) return false;
        return op switch
        {
            "StringEquals" => attribute == literal,
            "StringStartsWith" => attribute.StartsWith(literal, StringComparison.Ordinal),
            "StringNotStartsWith" => !attribute.StartsWith(literal, StringComparison.Ordinal),
            _ => throw new FormatException($"Operator not supported here: {op}"),
        };
    }

    private static string Quoted(string token)
    {
        var match = QuotedValue().Match(token);
        return match.Success ? match.Groups[1].Value : throw new FormatException($"Expected a quoted value: {token}");
    }

    private string? Peek() => _next < _tokens.Count ? _tokens[_next] : null;

    private string Take() => _next < _tokens.Count ? _tokens[_next++] : throw new FormatException("Condition ends too early.");

    private void Expect(string token)
    {
        if (Take() != token) throw new FormatException($"Expected '{token}'.");
    }

    [GeneratedRegex(@"\w+\{'[^']*'\}|@\w+\[[^\]]+\]|'[^']*'|\(|\)|!|&&|\|\||[A-Za-z]+")]
    private static partial Regex Token();

    [GeneratedRegex(@"'([^']*)'")]
    private static partial Regex QuotedValue();
}
