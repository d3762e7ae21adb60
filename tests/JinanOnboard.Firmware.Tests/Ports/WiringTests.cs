using JinanOnboard.Runtime.Ports;

namespace JinanOnboard.Firmware.Tests.Ports;

public sealed class WiringTests
{
    private static ValueTask Ignore(int value, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    [Fact]
    public void A_single_connection_port_connected_twice_names_the_port()
    {
        var port = new AsyncOutputPort<int>("sync.downlink", PortMultiplicity.One);
        port.ConnectTo(Ignore);

        TopologyException error = Assert.Throws<TopologyException>(() => port.ConnectTo(Ignore));

        Assert.Equal("port sync.downlink is connected twice: it takes exactly one connection", error.Message);
    }

    [Fact]
    public void A_fan_out_port_takes_several_connections()
    {
        var port = new AsyncOutputPort<int>("pass.tick");
        port.ConnectTo(Ignore);
        port.ConnectTo(Ignore);

        Assert.True(port.IsConnected);
    }

    [Fact]
    public void A_required_port_left_unconnected_names_the_component_and_the_port()
    {
        var connected = new AsyncOutputPort<int>("housekeeping.out", PortMultiplicity.One);
        connected.ConnectTo(Ignore);
        var missing = new AsyncOutputPort<int>("receiver.detections", PortMultiplicity.One);

        TopologyException error = Assert.Throws<TopologyException>(() => Wiring.RequireConnected("GroundTopology", connected, missing));

        Assert.Equal("GroundTopology: port receiver.detections not connected", error.Message);
    }
}
