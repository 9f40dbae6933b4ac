using MHA.Grains.Alerts;

namespace MHA.Producer.Cli;

/// <summary>
/// <c>--verify-webhook</c>: checks a received alert webhook's Standard Webhooks signature and timestamp, for receivers
/// wiring up their side (docs/alerts.md). Exit code 0 valid, 1 invalid, 2 bad arguments.
/// </summary>
internal static class WebhookVerifyCommand
{
    public const string Flag = "--verify-webhook";

    public static async Task<int> RunAsync(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr, TimeProvider time)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == Flag) continue;
            if (i + 1 >= args.Count || !args[i].StartsWith("--", StringComparison.Ordinal))
            {
                await stderr.WriteLineAsync($"producer: {Flag}: unexpected '{args[i]}'");
                return ProducerApp.BadArguments;
            }

            values[args[i]] = args[++i];
        }

        string[] required = ["--secret", "--id", "--timestamp", "--signature", "--body-file"];
        var missing = required.Where(r => !values.ContainsKey(r)).ToArray();
        if (missing.Length > 0 || !long.TryParse(values.GetValueOrDefault("--timestamp"), out var timestamp))
        {
            await stderr.WriteLineAsync($"producer: {Flag} needs --secret whsec_… --id … --timestamp <unix seconds> --signature 'v1,…' --body-file <file> [--tolerance-seconds 300]");
            return ProducerApp.BadArguments;
        }

        var tolerance = TimeSpan.FromSeconds(values.TryGetValue("--tolerance-seconds", out var t) && int.TryParse(t, out var s) ? s : 300);
        string body;
        try
        {
            // Byte for byte as received: the signature covers the exact body.
            body = await File.ReadAllTextAsync(values["--body-file"]);
            WebhookSigner.KeyOf(values["--secret"]);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
        {
            await stderr.WriteLineAsync($"producer: {Flag}: {ex.Message}");
            return ProducerApp.BadArguments;
        }

        var now = time.GetUtcNow();
        if (Math.Abs(now.ToUnixTimeSeconds() - timestamp) > tolerance.TotalSeconds)
        {
            await stdout.WriteLineAsync($"invalid: timestamp {timestamp} is more than {tolerance.TotalSeconds:0} s from now ({now.ToUnixTimeSeconds()})");
            return ProducerApp.RuntimeFailure;
        }

        if (!WebhookSigner.Verify(values["--secret"], values["--id"], timestamp, body, values["--signature"], now, tolerance))
        {
            await stdout.WriteLineAsync("invalid: signature does not match");
            return ProducerApp.RuntimeFailure;
        }

        await stdout.WriteLineAsync("valid");
        return ProducerApp.Success;
    }
}
