using MHA.Producer.Cli;

// Ctrl+C stops the run cleanly after the batch in flight.
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};

return await ProducerApp.RunAsync(
    args, Console.OpenStandardOutput, Console.Out, Console.Error, Environment.GetEnvironmentVariable, stop.Token);
