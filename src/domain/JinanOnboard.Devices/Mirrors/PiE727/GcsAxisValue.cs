namespace JinanOnboard.Devices.Mirrors.PiE727;

/// <summary>One axis and its value in a GCS command or reply (<c>MOV 1 0.5</c>, <c>1=+0.5000</c>), in the axis's GCS unit.</summary>
public readonly record struct GcsAxisValue(string Axis, double Value);
