namespace JinanOnboard.Ground;

internal static class Program
{
    public static int Main() => 0;
}
