using Snapshot.Cli;

// Standard output belongs to what the command prints (one JSON document with --json). Whatever else writes
// to the console, such as Akka logging before its logger starts or after it stops, goes to standard error.
var output = Console.Out;
Console.SetOut(Console.Error);
return SnapshotCli.Run(args, output, Console.Error, OutputTerminal.OfThisProcess());
