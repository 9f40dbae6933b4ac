using MHA.Bench.Cli;

return await BenchApp.RunAsync(args, Console.Out, Console.Error);
