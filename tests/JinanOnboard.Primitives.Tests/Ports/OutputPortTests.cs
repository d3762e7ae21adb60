using JinanOnboard.Primitives.Ports;

namespace JinanOnboard.Primitives.Tests.Ports;

public sealed class OutputPortTests
{
    [Fact]
    public void Invoke_calls_the_connected_handler_synchronously()
    {
        var port = new OutputPort<int>("test.out");
        var received = new List<int>();
        port.ConnectTo(received.Add);

        port.Invoke(3);
        port.Invoke(5);

        Assert.True(port.IsConnected);
        Assert.Equal([3, 5], received);
    }

    [Fact]
    public void Invoking_an_unconnected_port_is_a_wiring_error_naming_the_port()
    {
        var port = new OutputPort<int>("sync.downlink");

        Assert.False(port.IsConnected);
        var ex = Assert.Throws<InvalidOperationException>(() => port.Invoke(1));
        Assert.Contains("sync.downlink", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_second_connection_is_rejected_and_the_first_stays()
    {
        var port = new OutputPort<int>("test.out");
        var first = new List<int>();
        port.ConnectTo(first.Add);

        Assert.Throws<InvalidOperationException>(() => port.ConnectTo(_ => { }));
        port.Invoke(7);
        Assert.Equal([7], first);
    }

    [Fact]
    public void Connected_to_an_input_port_the_value_is_queued_until_the_queue_is_dispatched()
    {
        var queue = new ComponentQueue("consumer");
        var handled = new List<string>();
        var input = new InputPort<string>("consumer.in", queue, handled.Add);
        var output = new OutputPort<string>("producer.out");
        output.Connect(input);

        output.Invoke("a");
        output.Invoke("b");

        // F Prime semantics: nothing runs on the producer's call; the consumer's queue runs it.
        Assert.Empty(handled);
        Assert.Equal(2, queue.DispatchPending());
        Assert.Equal(["a", "b"], handled);
        Assert.Equal(0, queue.DispatchPending());
    }

    [Fact]
    public void Null_handlers_are_rejected()
    {
        var port = new OutputPort<int>("test.out");
        Assert.Throws<ArgumentNullException>(() => port.ConnectTo(null!));
        Assert.Throws<ArgumentNullException>(() => port.Connect(null!));
        Assert.False(port.IsConnected);
    }
}
