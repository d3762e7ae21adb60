namespace JinanOnboard.Cli;

internal static class Program
{
    public static int Main() => 0;
}
