namespace JinanOnboard.Ground;

/// <summary>
/// Standalone entry point. The usual way to start this firmware is `jinan ground --config F`,
/// which shares option parsing with the rest of the CLI; this executable forwards to the same code.
/// </summary>
internal static class Program
{
    public static int Main()
    {
        Console.Error.WriteLine("Start this firmware with: jinan ground --config FILE (see jinan ground --help)");
        return 2;
    }
}
