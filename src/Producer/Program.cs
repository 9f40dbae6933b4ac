using System.Runtime.InteropServices;
using MHA.Producer.Cli;

// Ctrl+C or SIGTERM (a container stopping) end the run cleanly after the batch in flight, with a final report.
using var stop = new CancellationTokenSource();
void Stop(PosixSignalContext signal)
{
    signal.Cancel = true;
    stop.Cancel();
}

using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

return await ProducerApp.RunAsync(
    args, Console.OpenStandardOutput, Console.Out, Console.Error, Environment.GetEnvironmentVariable, stop.Token);
