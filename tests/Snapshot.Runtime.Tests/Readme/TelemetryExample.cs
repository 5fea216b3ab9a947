// The code of the README's "Metrics and traces" section, compiled and run by TelemetryExampleSpec. Each README region below is one of
// the section's code blocks, line for line: ReadmeCodeSpec fails when they differ, so change both together.
#region README
using Akka.Actor;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Snapshot.Runtime.Diagnostics;
#endregion

namespace Snapshot.Runtime.Tests.Readme;

#region README
public static class ObservedBank
{
    public static async Task<GlobalSnapshot> RunAsync()
    {
        using var tracing = Sdk.CreateTracerProviderBuilder()
            .AddSource(SnapshotTelemetry.ActivitySourceName)
            .AddConsoleExporter()
            .Build();
        using var metrics = Sdk.CreateMeterProviderBuilder()
            .AddMeter(SnapshotTelemetry.MeterName)
            .AddConsoleExporter()
            .Build();

        var system = ActorSystem.Create("bank");
        try
        {
            var accounts = await Bank.OpenAsync(system);     // the bank of the Embedding section, paying without pause
            return await GlobalSnapshots.Get(system).TakeAsync("bank", initiator: accounts[0]);
        }
        finally
        {
            await system.Terminate();
        }
    }   // disposing the providers exports what is left: the metrics, here
}
#endregion
