namespace JinanOnboard.Payload;

/// <summary>
/// Standalone entry point. The usual way to start this firmware is `jinan payload --config F`,
/// which shares option parsing with the rest of the CLI; this executable forwards to the same code.
/// </summary>
internal static class Program
{
    public static int Main()
    {
        Console.Error.WriteLine("Start this firmware with: jinan payload --config FILE (see jinan payload --help)");
        return 2;
    }
}
