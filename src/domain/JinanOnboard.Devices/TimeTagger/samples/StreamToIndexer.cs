// Sample (not compiled): stream tags from a TDC on a serial port into the OGS pulse indexer.
// Build it in a scratch console project referencing JinanOnboard.Devices and JinanOnboard.Detection.
using JinanOnboard.Primitives.Detections;
using System.IO.Ports;
using JinanOnboard.Primitives.TimeTags;
using JinanOnboard.Detection;
using JinanOnboard.Detection.Indexing;
using JinanOnboard.Devices.TimeTagger;

using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(300)); // one pass
using var port = new SerialPort(args.Length > 0 ? args[0] : "/dev/ttyACM0", 921_600);
port.Open();
await using var tdc = new TimeTaggerDevice(port.BaseStream, shouldDispose: false);

Console.WriteLine(await tdc.IdentifyAsync());
await tdc.ConfigureAsync(new TimeTaggerConfiguration(0b1_1111, [-400, -400, -400, -400, 300]));
await tdc.StartAsync();

var indexer = new PulseIndexer(new PulseIndexerOptions { DetectorDelayPs = [0, 0, 0, 0] });
var tags = new TimeTag[8192];
var detections = new PulseDetection[8192];
try
{
    while (true)
    {
        int n = await tdc.ReadTagsAsync(tags, cts.Token);
        int m = indexer.Process(tags.AsSpan(0, n), detections);
        // hand detections[0..m) to sifting here
    }
}
catch (OperationCanceledException)
{
}

await tdc.StopAsync();
Console.WriteLine(tdc.Statistics);
Console.WriteLine(indexer.GetStatistics());
