using SalesWheel.Cli;

return CliApp.Run(args, Console.Out, Console.Error, showProgress: !Console.IsErrorRedirected);
