namespace MHA.Producer.Cli;

/// <summary>The command line cannot be run; the message tells the user what to fix (exit code 2).</summary>
internal sealed class CommandLineException(string message) : Exception(message);
