using JinanOnboard.Physics.Parameters;

namespace JinanOnboard.Physics.Tests.Parameters;

public sealed class WithNumberTests
{
    [Fact]
    public void A_sweep_copy_changes_one_key_and_leaves_the_original_alone()
    {
        PhysicsParameterSet set = PhysicsParameterSet.Named("micius-uplink");
        PhysicsParameterSet copy = set.WithNumber("receiver.radius_m", 0.5);

        Assert.Equal(0.5, copy.Number("receiver.radius_m"));
        Assert.Equal(0.15, set.Number("receiver.radius_m"));
        Assert.Equal(set.Number("link.ground_cn2_m_minus_2_3"), copy.Number("link.ground_cn2_m_minus_2_3"));
        Assert.Equal(set.Name, copy.Name);
    }

    [Theory]
    [InlineData("receiver.radius_m", -0.1, "outside the allowed range")]
    [InlineData("no.such_key", 1.0, "unknown key 'no.such_key'")]
    [InlineData("source.intensities", 0.5, "is not a single number")]
    public void Bad_keys_and_values_are_refused_naming_them(string key, double value, string message)
    {
        ParameterSetException e = Assert.Throws<ParameterSetException>(() => PhysicsParameterSet.Named("micius-uplink").WithNumber(key, value));
        Assert.Contains(message, e.Message, StringComparison.Ordinal);
    }
}
