using System.Globalization;
using MHA.Producer.Simulation;

namespace MHA.Producer.Cli;

/// <summary>
/// Reads the producer's command line into <see cref="ProducerSettings"/>. Options take their value as the next
/// argument or after '=' (<c>--seed 7</c>, <c>--seed=7</c>). Every mistake is a <see cref="CommandLineException"/>.
/// </summary>
internal static class ProducerCommandLine
{
    public const string ConnectionVariable = "EVENTHUBS_CONNECTION";

    public static ProducerSettings Parse(IReadOnlyList<string> args, Func<string, string?> environment)
    {
        var settings = new ProducerSettings();
        double? dirtyFactor = null;
        var dirtyOverrides = new Dictionary<DirtyKind, double>();
        var outputs = new List<string>();

        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string? inlineValue = null;
            var equals = arg.IndexOf('=');
            if (arg.StartsWith("--", StringComparison.Ordinal) && equals > 2)
            {
                inlineValue = arg[(equals + 1)..];
                arg = arg[..equals];
            }

            string Value()
            {
                if (inlineValue is not null)
                {
                    return inlineValue;
                }

                if (i + 1 >= args.Count)
                {
                    throw new CommandLineException($"{arg} needs a value.");
                }

                return args[++i];
            }

            void NoValue()
            {
                if (inlineValue is not null)
                {
                    throw new CommandLineException($"{arg} takes no value.");
                }
            }

            switch (arg)
            {
                case "--help" or "-h" or "-?":
                    NoValue();
                    settings.ShowHelp = true;
                    break;
                case "--ehr-extract":
                    settings.EhrExtractFolder = Value();
                    outputs.Add(arg);
                    break;
                case "--date":
                    settings.EhrExtractDate = DateOnly.TryParseExact(Value(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)
                        ? day : throw new CommandLineException("--date needs a day, YYYY-MM-DD.");
                    break;
                case "--seed":
                    settings.Traffic.Seed = ParseInt(arg, Value());
                    break;
                case "--count":
                    settings.Count = ParseLong(arg, Value(), min: 0);
                    break;
                case "--rate":
                    settings.Rate = ParseDouble(arg, Value(), min: 0);
                    break;
                case "--start":
                    settings.Traffic.Start = ParseTime(arg, Value());
                    break;
                case "--time-scale":
                    settings.Traffic.TimeScale = ParseDouble(arg, Value(), min: double.Epsilon);
                    break;
                case "--initial-occupancy":
                    settings.Traffic.InitialOccupancy = ParseDouble(arg, Value(), min: 0, max: 1);
                    break;
                case "--target-occupancy":
                    settings.Traffic.TargetOccupancy = ParseDouble(arg, Value(), min: double.Epsilon, max: 1);
                    break;
                case "--surge-factor":
                    settings.Traffic.SurgeFactor = ParseDouble(arg, Value(), min: 1);
                    break;
                case "--legacy":
                    NoValue();
                    settings.Traffic.Legacy = true;
                    break;
                case "--dirty":
                    dirtyFactor = ParseDouble(arg, Value(), min: 0);
                    break;
                case "--dirty-age":
                    dirtyOverrides[DirtyKind.InvalidAge] = ParseRate(arg, Value());
                    break;
                case "--dirty-future":
                    dirtyOverrides[DirtyKind.FutureAdmission] = ParseRate(arg, Value());
                    break;
                case "--dirty-missing":
                    dirtyOverrides[DirtyKind.MissingField] = ParseRate(arg, Value());
                    break;
                case "--dirty-duplicate":
                    dirtyOverrides[DirtyKind.Duplicate] = ParseRate(arg, Value());
                    break;
                case "--dirty-discharge":
                    dirtyOverrides[DirtyKind.DischargeBeforeAdmission] = ParseRate(arg, Value());
                    break;
                case "--dirty-typo":
                    dirtyOverrides[DirtyKind.DepartmentTypo] = ParseRate(arg, Value());
                    break;
                case "--dirty-hospital":
                    dirtyOverrides[DirtyKind.InvalidHospital] = ParseRate(arg, Value());
                    break;
                case "--out":
                    settings.OutputPath = Value();
                    if (settings.OutputPath.Length == 0)
                    {
                        throw new CommandLineException("--out needs a file name, or '-' for stdout.");
                    }

                    settings.Output = ProducerOutput.File;
                    outputs.Add(arg);
                    break;
                case "--target":
                    settings.Targets.AddRange(Value().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(t => ParseHttpUri(arg, t)));
                    settings.Output = ProducerOutput.Http;
                    outputs.Add(arg);
                    break;
                case "--token":
                    settings.BearerToken = Value();
                    break;
                case "--eventhubs":
                    NoValue();
                    settings.Output = ProducerOutput.EventHubs;
                    outputs.Add(arg);
                    break;
                case "--eventhubs-connection":
                    settings.EventHubsConnection = Value();
                    break;
                case "--eventhub":
                    settings.EventHubName = Value();
                    break;
                case "--eventhubs-namespace":
                    settings.EventHubsNamespace = Value();
                    break;
                case "--batch":
                    settings.BatchSize = (int)ParseLong(arg, Value(), min: 1, max: 100_000);
                    break;
                default:
                    throw new CommandLineException(arg.StartsWith('-') ? $"Unknown option {arg}." : $"Unexpected argument '{arg}'.");
            }
        }

        if (settings.ShowHelp)
        {
            return settings;
        }

        if (outputs.Count > 1)
        {
            throw new CommandLineException($"Choose one output: {string.Join(", ", outputs)} were all given.");
        }

        settings.Traffic.Dirty = DirtyRates(dirtyFactor, dirtyOverrides);
        CheckEventHubs(settings, environment);
        CheckHttp(settings);

        try
        {
            settings.Traffic.Validate();
        }
        catch (ArgumentException ex)
        {
            throw new CommandLineException(ex.Message);
        }

        return settings;
    }

    private static DirtyDataRates DirtyRates(double? factor, Dictionary<DirtyKind, double> overrides)
    {
        var rates = DirtyDataRates.Default.Scale(factor ?? 1);
        double Rate(DirtyKind kind) => overrides.TryGetValue(kind, out var rate) ? rate : rates.RateOf(kind);
        return new DirtyDataRates(
            Rate(DirtyKind.InvalidAge),
            Rate(DirtyKind.FutureAdmission),
            Rate(DirtyKind.MissingField),
            Rate(DirtyKind.Duplicate),
            Rate(DirtyKind.DischargeBeforeAdmission),
            Rate(DirtyKind.DepartmentTypo),
            Rate(DirtyKind.InvalidHospital));
    }

    private static void CheckHttp(ProducerSettings settings)
    {
        if (settings.BearerToken is not null && settings.Output != ProducerOutput.Http)
        {
            throw new CommandLineException("--token only applies with --target.");
        }
    }

    private static void CheckEventHubs(ProducerSettings settings, Func<string, string?> environment)
    {
        var anyEventHubsOption = settings.EventHubsConnection is not null || settings.EventHubName is not null || settings.EventHubsNamespace is not null;
        if (settings.Output != ProducerOutput.EventHubs)
        {
            if (anyEventHubsOption)
            {
                throw new CommandLineException("--eventhubs-connection, --eventhub and --eventhubs-namespace only apply with --eventhubs.");
            }

            return;
        }

        if (settings.EventHubsConnection is not null && settings.EventHubsNamespace is not null)
        {
            throw new CommandLineException("Give either --eventhubs-connection or --eventhubs-namespace, not both.");
        }

        if (settings.EventHubsNamespace is not null)
        {
            if (string.IsNullOrWhiteSpace(settings.EventHubName))
            {
                throw new CommandLineException("--eventhubs-namespace needs --eventhub NAME.");
            }

            return;
        }

        settings.EventHubsConnection ??= environment(ConnectionVariable);
        if (string.IsNullOrWhiteSpace(settings.EventHubsConnection))
        {
            throw new CommandLineException($"--eventhubs needs --eventhubs-connection, the {ConnectionVariable} environment variable, or --eventhubs-namespace.");
        }

        if (string.IsNullOrWhiteSpace(settings.EventHubName)
            && !settings.EventHubsConnection.Contains("EntityPath=", StringComparison.OrdinalIgnoreCase))
        {
            throw new CommandLineException("--eventhubs needs --eventhub NAME when the connection string has no EntityPath.");
        }
    }

    private static int ParseInt(string option, string text) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new CommandLineException($"{option} expects a whole number, not '{text}'.");

    private static long ParseLong(string option, string text, long min = long.MinValue, long max = long.MaxValue)
    {
        if (!long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            throw new CommandLineException($"{option} expects a whole number, not '{text}'.");
        }

        return value < min || value > max
            ? throw new CommandLineException($"{option} must be between {min} and {max}, not {value}.")
            : value;
    }

    private static double ParseDouble(string option, string text, double min = double.MinValue, double max = double.MaxValue)
    {
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            throw new CommandLineException($"{option} expects a number, not '{text}'.");
        }

        if (value < min || value > max)
        {
            var range = max == double.MaxValue ? (min == double.Epsilon ? "above 0" : $"at least {min.ToString(CultureInfo.InvariantCulture)}")
                : $"between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)}";
            throw new CommandLineException($"{option} must be {range}, not {text}.");
        }

        return value;
    }

    private static double ParseRate(string option, string text) => ParseDouble(option, text, min: 0, max: 1);

    private static DateTimeOffset ParseTime(string option, string text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
            ? time
            : throw new CommandLineException($"{option} expects an ISO-8601 time such as 2026-01-01T00:00:00Z, not '{text}'.");

    private static Uri ParseHttpUri(string option, string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps)
            ? uri
            : throw new CommandLineException($"{option} expects an http(s) URL such as http://localhost:5080/api/events, not '{text}'.");
}
