using JinanOnboard.Devices.Mirrors.PiE727;
using JinanOnboard.Devices.Simulated.PiE727;

namespace JinanOnboard.Devices.Tests.PiE727;

/// <summary>The GCS binding against the simulated E-727: error mapping, garbled and missing replies, the fault state.</summary>
public sealed class PiE727ControllerTests
{
    private static readonly TimeSpan Timeout = E727Session.TestTimeout;
    // Short timeouts where a timeout is the point of the test; long ones where a reply must arrive even when the shared
    // machine stalls a thread for a few hundred milliseconds.
    private static readonly PiE727Options Fast = new() { ReplyTimeout = TimeSpan.FromMilliseconds(100), QueryRetryAttempts = 2, RetryDelay = TimeSpan.FromMilliseconds(1) };
    private static readonly PiE727Options Patient = new() { ReplyTimeout = TimeSpan.FromSeconds(2) };

    [Theory]
    [InlineData(GcsErrorCode.NoError, 0)]
    [InlineData(GcsErrorCode.ParameterSyntax, 1)]
    [InlineData(GcsErrorCode.UnknownCommand, 2)]
    [InlineData(GcsErrorCode.CommandTooLong, 3)]
    [InlineData(GcsErrorCode.MoveWithoutReferenceOrServoOff, 5)]
    [InlineData(GcsErrorCode.PositionOutOfLimits, 7)]
    [InlineData(GcsErrorCode.VelocityOutOfLimits, 8)]
    [InlineData(GcsErrorCode.ControllerStopped, 10)]
    [InlineData(GcsErrorCode.InvalidAxisIdentifier, 15)]
    [InlineData(GcsErrorCode.ParameterOutOfRange, 17)]
    [InlineData(GcsErrorCode.IllegalAxis, 23)]
    [InlineData(GcsErrorCode.IncorrectParameterCount, 24)]
    [InlineData(GcsErrorCode.InvalidFloatingPointNumber, 25)]
    [InlineData(GcsErrorCode.ParameterMissing, 26)]
    public void Error_codes_carry_the_numbers_of_the_GCS_manual(GcsErrorCode code, int number) => Assert.Equal(number, (int)code);

    [Fact]
    public async Task A_move_with_servo_off_is_a_typed_error_5()
    {
        await using E727Session session = E727Session.InMemory();

        GcsErrorException e = await Assert.ThrowsAsync<GcsErrorException>(() => session.Controller.MoveAsync([new("1", 0.1)]).AsTask().WaitAsync(Timeout));

        Assert.Equal(GcsErrorCode.MoveWithoutReferenceOrServoOff, e.Code);
        Assert.Equal("MOV 1 0.1", e.Command);
        Assert.Contains("E-727 (in-memory)", e.Message, StringComparison.Ordinal);
        Assert.Equal(0, session.Simulator.PositionOf("1"));
    }

    [Fact]
    public async Task A_move_beyond_the_controller_limits_is_a_typed_error_7_when_the_limits_were_not_read()
    {
        await using E727Session session = E727Session.InMemory(new SimulatedE727Options { ServoOnAtStart = true });

        GcsErrorException e = await Assert.ThrowsAsync<GcsErrorException>(() => session.Controller.MoveAsync([new("1", 0.5), new("2", 1.5)]).AsTask().WaitAsync(Timeout));

        Assert.Equal(GcsErrorCode.PositionOutOfLimits, e.Code);
        Assert.Equal(0, session.Simulator.PositionOf("1"));
    }

    [Fact]
    public async Task An_unknown_axis_is_a_typed_error_15()
    {
        await using E727Session session = E727Session.InMemory(new SimulatedE727Options { ServoOnAtStart = true });

        GcsErrorException e = await Assert.ThrowsAsync<GcsErrorException>(() => session.Controller.SetServoAsync([("3", true)]).AsTask().WaitAsync(Timeout));

        Assert.Equal(GcsErrorCode.InvalidAxisIdentifier, e.Code);
    }

    [Fact]
    public async Task Once_limits_are_read_a_move_outside_them_is_refused_before_sending()
    {
        await using E727Session session = E727Session.InMemory(new SimulatedE727Options { ServoOnAtStart = true });
        await session.Controller.ReadLimitsAsync(["1", "2"]).WaitAsync(Timeout);
        long before = session.Wire.BytesWritten;
        long lines = session.Simulator.LinesReceived;

        Assert.Throws<ArgumentOutOfRangeException>(() => session.Controller.MoveAsync([new("1", 0.5), new("2", 1.0000001)]));

        Assert.Equal(before, session.Wire.BytesWritten);
        Assert.Equal(lines, session.Simulator.LinesReceived);
    }

    [Fact]
    public async Task ERR_returns_the_last_error_and_clears_it()
    {
        var options = new PiE727Options { CheckErrorAfterCommands = false };
        await using E727Session session = E727Session.InMemory(new SimulatedE727Options { ServoOnAtStart = true }, options);

        await session.Controller.MoveAsync([new("1", 5.0)]).AsTask().WaitAsync(Timeout);

        Assert.Equal(GcsErrorCode.PositionOutOfLimits, await session.Controller.GetErrorAsync().WaitAsync(Timeout));
        Assert.Equal(GcsErrorCode.NoError, await session.Controller.GetErrorAsync().WaitAsync(Timeout));
    }

    [Fact]
    public async Task Queries_answer_per_axis_in_the_order_asked()
    {
        await using E727Session session = E727Session.InMemory(new SimulatedE727Options { ServoOnAtStart = true, SettleTime = TimeSpan.Zero });
        await session.Controller.MoveAsync([new("2", -0.3), new("1", 0.7)]).AsTask().WaitAsync(Timeout);

        double[] targets = await session.Controller.GetTargetsAsync(["2", "1"]).WaitAsync(Timeout);
        bool[] servo = await session.Controller.GetServoAsync(["1", "2"]).WaitAsync(Timeout);
        string[] units = await session.Controller.GetPositionUnitsAsync(["1", "2"]).WaitAsync(Timeout);

        Assert.Equal([-0.3, 0.7], targets);
        Assert.Equal([true, true], servo);
        Assert.Equal(["MRAD", "MRAD"], units);
    }

    [Fact]
    public async Task A_garbled_reply_is_a_typed_error_naming_the_device_and_the_bytes()
    {
        await using E727Session session = E727Session.InMemory();
        session.Simulator.GarbleReplies = true;

        GcsProtocolException e = await Assert.ThrowsAsync<GcsProtocolException>(() => session.Controller.IdentifyAsync().WaitAsync(Timeout));

        Assert.Equal("E-727 (in-memory)", e.Device);
        Assert.Equal("*IDN?", e.Command);
        Assert.Equal(0xA8, e.Reply[0]); // '(' with its top bit flipped
        Assert.Contains("A8E3A9", e.Message, StringComparison.Ordinal); // "(c)" garbled, in hex
        Assert.False(session.Controller.IsFaulted);
    }

    [Theory]
    [InlineData("1=+0.1\n", "continuation")]
    [InlineData("1=+0.1 \n3=+0.2\n", "expected '2=value'")]
    [InlineData("1=+0.1 \n2=abc\n", "not a number")]
    [InlineData("1=+0.1 \n2=+0.2 \n3=+0.3\n", "continuation")]
    public async Task A_reply_of_the_wrong_shape_is_a_typed_error_not_a_hang(string reply, string problem)
    {
        (Stream host, Stream device) = TimeTagger.DuplexPipe.CreatePair();
        await using var controller = new PiE727Controller(host, "E-727 scripted", options: Patient);
        byte[] bytes = System.Text.Encoding.ASCII.GetBytes(reply);

        Task<double[]> query = controller.GetPositionsAsync(["1", "2"]);
        byte[] command = new byte[64];
        int n = await device.ReadAsync(command).AsTask().WaitAsync(Timeout);
        await device.WriteAsync(bytes).AsTask().WaitAsync(Timeout);
        GcsProtocolException e = await Assert.ThrowsAsync<GcsProtocolException>(() => query.WaitAsync(Timeout));

        Assert.Equal("POS? 1 2\n", System.Text.Encoding.ASCII.GetString(command, 0, n));
        Assert.Contains(problem, e.Message, StringComparison.Ordinal);
        Assert.Contains(Convert.ToHexString(bytes), e.Message, StringComparison.Ordinal);
        await device.DisposeAsync();
    }

    [Fact]
    public async Task A_reply_that_never_ends_its_line_times_out_instead_of_hanging()
    {
        (Stream host, Stream device) = TimeTagger.DuplexPipe.CreatePair();
        await using var controller = new PiE727Controller(host, "E-727 scripted", options: Fast);

        Task<string> query = controller.IdentifyAsync();
        await device.WriteAsync("(c)2019 Physik Instrumente"u8.ToArray()).AsTask().WaitAsync(Timeout);

        await Assert.ThrowsAsync<PiE727TimeoutException>(() => query.WaitAsync(Timeout));
        Assert.True(controller.IsFaulted);
        await device.DisposeAsync();
    }

    [Fact]
    public async Task A_late_reply_to_a_timed_out_attempt_is_skipped_not_taken_as_the_next_answer()
    {
        (Stream host, Stream device) = TimeTagger.DuplexPipe.CreatePair();
        await using var controller = new PiE727Controller(host, "E-727 scripted", options: Fast with { ReplyTimeout = TimeSpan.FromSeconds(1) });
        byte[] line = new byte[64];

        Task<double[]> first = controller.GetPositionsAsync(["1", "2"]);
        await device.ReadAsync(line).AsTask().WaitAsync(Timeout);             // attempt 1: not answered in time
        await device.ReadAsync(line).AsTask().WaitAsync(Timeout);             // attempt 2, after the timeout
        await device.WriteAsync("1=+0.1 \n2=+0.1\n"u8.ToArray()).AsTask().WaitAsync(Timeout); // attempt 1's reply, late
        await device.WriteAsync("1=+0.2 \n2=+0.2\n"u8.ToArray()).AsTask().WaitAsync(Timeout); // attempt 2's reply
        double[] positions = await first.WaitAsync(Timeout);

        Task<double[]> second = controller.GetTargetsAsync(["1", "2"]);
        int n = await device.ReadAsync(line).AsTask().WaitAsync(Timeout);
        await device.WriteAsync("1=+0.3 \n2=+0.3\n"u8.ToArray()).AsTask().WaitAsync(Timeout);
        double[] targets = await second.WaitAsync(Timeout);

        Assert.Equal([0.2, 0.2], positions);
        Assert.Equal("MOV? 1 2\n", System.Text.Encoding.ASCII.GetString(line, 0, n));
        Assert.Equal([0.3, 0.3], targets);
        Assert.Equal(1, controller.StaleReplies);
        Assert.Equal(1, controller.Retries);
        await device.DisposeAsync();
    }

    [Fact]
    public async Task An_unanswered_query_is_retried_then_the_binding_faults_and_sends_nothing_more()
    {
        await using E727Session session = E727Session.InMemory(options: Fast);
        session.Simulator.Mute = true;

        await Assert.ThrowsAsync<PiE727TimeoutException>(() => session.Controller.GetPositionsAsync(["1", "2"]).WaitAsync(Timeout));

        Assert.Equal(3, session.Simulator.LinesReceived); // the first attempt and two retries
        Assert.Equal(2, session.Controller.Retries);
        Assert.True(session.Controller.IsFaulted);
        long before = session.Wire.BytesWritten;
        await Assert.ThrowsAsync<PiE727FaultedException>(() => session.Controller.IdentifyAsync().WaitAsync(Timeout));
        Assert.Equal(before, session.Wire.BytesWritten);

        session.Simulator.Mute = false;
        string identity = await session.Controller.RecoverAsync().WaitAsync(Timeout);
        Assert.Contains("E-727", identity, StringComparison.Ordinal);
        Assert.False(session.Controller.IsFaulted);
    }

    [Fact]
    public async Task An_unanswered_move_is_never_resent()
    {
        await using E727Session session = E727Session.InMemory(new SimulatedE727Options { ServoOnAtStart = true }, Fast);
        session.Simulator.Mute = true;

        await Assert.ThrowsAsync<PiE727TimeoutException>(() => session.Controller.MoveAsync([new("1", 0.1)]).AsTask().WaitAsync(Timeout));
        await Task.Delay(100);

        Assert.Equal(2, session.Simulator.LinesReceived); // "MOV 1 0.1" and its "ERR?", once
        Assert.Equal(0, session.Controller.Retries);
        Assert.True(session.Controller.IsFaulted);
    }

    [Fact]
    public async Task A_second_caller_during_an_exchange_is_refused_without_touching_the_wire()
    {
        await using E727Session session = E727Session.InMemory(new SimulatedE727Options { ServoOnAtStart = true }, Fast);
        session.Simulator.Mute = true;
        Task<double[]> pending = session.Controller.GetPositionsAsync(["1", "2"]);
        long before = session.Wire.BytesWritten;

        Assert.Throws<InvalidOperationException>(() => session.Controller.MoveAsync([new("1", 0.1)]));
        await Assert.ThrowsAsync<InvalidOperationException>(() => session.Controller.IdentifyAsync());

        Assert.Equal(before, session.Wire.BytesWritten);
        await Assert.ThrowsAsync<PiE727TimeoutException>(() => pending.WaitAsync(Timeout));
    }

    [Fact]
    public async Task A_closed_connection_is_a_disconnected_error()
    {
        await using E727Session session = await E727Session.OverTcpAsync(options: Fast);
        await session.Controller.IdentifyAsync().WaitAsync(Timeout);
        await session.DisposeServerAsync();

        await Assert.ThrowsAsync<PiE727DisconnectedException>(() => session.Controller.IdentifyAsync().WaitAsync(Timeout));
    }
}
