namespace MHA.Producer.Cli;

/// <summary>The text of <c>--help</c>.</summary>
internal static class ProducerUsage
{
    public const string Text = """
        MHA traffic producer: a deterministic simulation of ADT events (admissions, transfers, discharges)
        for 7 hospitals x 7 departments, with optional dirty data.

        Usage: dotnet run --project src/Producer -- [options]

        Simulation:
          --seed N                 random seed; the same options give byte-identical output (default 1)
          --count N                events to send, 0 = until stopped (default 1000)
          --rate EVENTS_PER_SEC    pace the sending, 0 = as fast as possible (default 0)
          --start ISO              simulated time of the first events, e.g. 2026-06-01T00:00:00Z (default 2026-01-01T00:00:00Z)
          --time-scale X           divide stays and inter-arrival times by X (default 1; live demo ~120)
          --initial-occupancy R    share of beds occupied at the start, 0..1 (default 0.6)
          --target-occupancy R     occupancy the arrival rates aim at outside surges, 0..1 (default 0.8)
          --surge-factor X         arrival multiplier in winter and on weekend evenings (default 3)
          --legacy                 emit the original pipeline's 8-field shape (one event per admission)

        Dirty data (rates are probabilities per eligible event):
          --dirty FACTOR           scale all default rates: 0 = clean, 1 = defaults (default 1)
          --dirty-age R            invalid age (default 0.04)
          --dirty-future R         admission time in the future (default 0.03)
          --dirty-missing R        one required field missing (default 0.05)
          --dirty-duplicate R      the same event sent again a few events later (default 0.03)
          --dirty-discharge R      discharge before admission, on discharges (default 0.02)
          --dirty-typo R           department typo or abbreviation (default 0.03)
          --dirty-hospital R       invalid hospital id (default 0.02)

        Output (one of; default --out -):
          --out FILE               write NDJSON to FILE; '-' = stdout (nothing else is written there)
          --ehr-extract DIR        write a sample daily EHR extract (DIR/YYYY-MM-DD/demographics.csv, encounters.csv;
                                   --count encounters, --seed, --date YYYY-MM-DD), see docs/batch.md
          --target URL[,URL…]      POST NDJSON batches to URL, e.g. http://localhost:5080/api/events; with several
                                   (one per silo), a batch that cannot be delivered moves on to the next
            --token T              send 'Authorization: Bearer T'
          --eventhubs              send to Azure Event Hubs, partition key = hospital id
            --eventhubs-connection S  connection string (default: environment variable EVENTHUBS_CONNECTION)
            --eventhub NAME           event hub name (unless the connection string has EntityPath)
            --eventhubs-namespace NS  fully qualified namespace, signed in with DefaultAzureCredential
          --batch N                events per HTTP request / send (default 500)

          --help                   show this text

        Alert webhook receivers (docs/alerts.md):
          --verify-webhook --secret whsec_… --id ID --timestamp T --signature 'v1,…' --body-file F [--tolerance-seconds 300]
                                   check a webhook's signature and timestamp: prints valid (exit 0) or invalid (exit 1)

        Progress goes to stderr every ~2 s. Exit codes: 0 done, 1 runtime failure, 2 bad arguments.
        """;
}
