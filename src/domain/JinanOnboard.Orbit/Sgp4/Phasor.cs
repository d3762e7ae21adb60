namespace JinanOnboard.Orbit.Sgp4;

/// <summary>
/// A unit complex number cos a + i sin a. Multiplying phasors adds angles, so the resonance terms of
/// dspace, whose arguments are integer combinations of two angles and a constant, need two SinCos
/// calls instead of ten.
/// </summary>
internal readonly record struct Phasor(double Cos, double Sin)
{
    public static Phasor FromAngle(double angleRad)
    {
        (double sin, double cos) = Math.SinCos(angleRad);
        return new Phasor(cos, sin);
    }

    /// <summary>The phasor of the negated angle.</summary>
    public Phasor Conjugate => new(Cos, -Sin);

    /// <summary>Angle sum: e^{i a} e^{i b} = e^{i (a + b)}.</summary>
    public static Phasor operator *(Phasor a, Phasor b) =>
        new((a.Cos * b.Cos) - (a.Sin * b.Sin), (a.Sin * b.Cos) + (a.Cos * b.Sin));
}
