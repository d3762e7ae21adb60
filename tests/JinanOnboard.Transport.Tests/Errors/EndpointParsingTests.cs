namespace JinanOnboard.Transport.Tests.Errors;

public sealed class EndpointParsingTests
{
    [Theory]
    [InlineData("memory://link")]
    [InlineData("tcp://127.0.0.1:7400")]
    [InlineData("tcp://localhost:0?connectTimeoutMs=250")]
    [InlineData("udp://127.0.0.1:7401?mtu=1200")]
    [InlineData("udp://[::1]:7401")]
    [InlineData("unix:///tmp/jinan.sock")]
    [InlineData("serial:///dev/pts/5?baud=921600")]
    [InlineData("serial:///dev/ttyUSB0?baud=115200&rtscts=1")]
    public void Valid_endpoints_parse_and_pick_a_transport(string text)
    {
        Uri uri = Transports.ParseEndpoint(text);
        Assert.NotNull(Transports.ClientFor(uri));
        Assert.NotNull(Transports.ServerFor(uri));
    }

    [Theory]
    [InlineData("ftp://127.0.0.1:21", "unknown transport scheme 'ftp'")]
    [InlineData("not a uri", "not a valid endpoint URI")]
    [InlineData("", "endpoint is empty")]
    [InlineData("tcp://127.0.0.1", "needs host and port")]
    [InlineData("tcp://127.0.0.1:7400/x", "takes no path")]
    [InlineData("udp://127.0.0.1:7401?mtu=70000", "mtu '70000' must be an integer in 16..65507")]
    [InlineData("udp://127.0.0.1:7401?mtu=big", "mtu 'big' must be an integer")]
    [InlineData("serial:///dev/ttyS0?baud=12345", "baud '12345' is not a supported rate")]
    [InlineData("serial:///dev/ttyS0?baud=fast", "baud 'fast' is not a supported rate")]
    [InlineData("serial:///dev/ttyS0?rtscts=2", "rtscts '2' must be an integer in 0..1")]
    [InlineData("serial://ttyS0", "needs an absolute path after three slashes")]
    [InlineData("tcp://127.0.0.1:7400?baud=9600", "unknown parameter 'baud'")]
    [InlineData("tcp://127.0.0.1:7400?connectTimeoutMs=0", "connectTimeoutMs '0' must be an integer in 1..600000")]
    [InlineData("unix:///tmp/a.sock?connectTimeoutMs=1&connectTimeoutMs=2", "given twice")]
    public void Bad_endpoints_fail_with_one_line_naming_the_problem(string text, string expected)
    {
        var ex = Assert.Throws<TransportConfigurationException>(() => Transports.ParseEndpoint(text));
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', ex.Message);
    }

    [Fact]
    public void Factories_validate_too_so_unparsed_uris_cannot_slip_through()
    {
        var ex = Assert.Throws<TransportConfigurationException>(() => Transports.ClientFor(new Uri("serial:///dev/ttyS0?baud=7")));
        Assert.Contains("baud '7'", ex.Message, StringComparison.Ordinal);
    }
}
