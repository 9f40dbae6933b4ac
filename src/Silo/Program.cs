using MHA.Silo;

SiloApp.Build(args).Run();
