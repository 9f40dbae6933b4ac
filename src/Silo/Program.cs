using MHA.Silo;
using MHA.Silo.Cli;

if (DevelopmentTokenCommand.Matches(args)) return DevelopmentTokenCommand.Run(args, Console.Out, Console.Error);

SiloApp.Build(args).Run();
return 0;
