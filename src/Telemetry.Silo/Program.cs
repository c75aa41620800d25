using Telemetry.Silo.Hosting;

return await SiloProgram.RunAsync(args);
