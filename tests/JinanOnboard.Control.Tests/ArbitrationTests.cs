using JinanOnboard.Control.Configuration;
using JinanOnboard.Control.Pointing;

namespace JinanOnboard.Control.Tests;

public sealed class ArbitrationTests
{
    private static readonly ArbitrationSettings Settings = new(GateUrad: 1500, InvalidFramesToSwitch: 3, ValidFramesToSwitchBack: 8, IntensityMin: 0.5, IntensityMax: 2);
    private static readonly AuxiliaryVector Aux = new(0, 100, -100, 0, 0, 0, 0);

    [Theory]
    [InlineData(0, 1.0, 0, FrameRejection.NoSpot)]
    [InlineData(2, 1.0, 0, FrameRejection.SeveralSpots)]
    [InlineData(1, 0.2, 0, FrameRejection.Intensity)]
    [InlineData(1, 3.0, 0, FrameRejection.Intensity)]
    [InlineData(1, 1.0, 2000, FrameRejection.Innovation)]
    [InlineData(1, 1.0, 1000, FrameRejection.None)]
    public void Each_validity_test_rejects_its_case(int spots, double intensity, double offsetUrad, FrameRejection expected)
    {
        var arbiter = new VectorSourceArbiter("payload", Settings, new AptEventLog());
        var frame = new CentroidFrame(0, Aux.XMicroradians + offsetUrad, Aux.YMicroradians, spots, intensity);
        Assert.Equal(expected, arbiter.Check(frame, Aux));
    }

    [Fact]
    public void Switches_to_the_camera_after_eight_valid_frames_and_back_after_three_invalid_with_an_event_each()
    {
        var log = new AptEventLog();
        var arbiter = new VectorSourceArbiter("payload", Settings, log);
        for (int i = 0; i < 7; i++)
        {
            arbiter.Observe(i, FrameRejection.None);
        }

        Assert.Equal(VectorSource.Auxiliary, arbiter.Source);
        arbiter.Observe(7, FrameRejection.None);
        Assert.Equal(VectorSource.Camera, arbiter.Source);
        arbiter.Observe(8, FrameRejection.Innovation);
        arbiter.Observe(9, FrameRejection.Innovation);
        Assert.Equal(VectorSource.Camera, arbiter.Source);
        arbiter.Observe(10, FrameRejection.NoSpot);
        Assert.Equal(VectorSource.Auxiliary, arbiter.Source);

        Assert.Equal(2, log.Count(AptEventKind.SourceSwitched));
        Assert.Equal("camera -> auxiliary: 3 consecutive invalid frames (last: no spot)", log.Events[1].Detail);
    }
}
