using Snapshot.Cli;

return SnapshotCli.Run(args, Console.Out, Console.Error);
