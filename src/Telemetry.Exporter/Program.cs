using Telemetry.Exporter.Cli;

return await ExporterCommandLine.InvokeAsync(args, Console.Out, Console.Error);
