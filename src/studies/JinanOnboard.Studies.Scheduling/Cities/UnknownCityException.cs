namespace JinanOnboard.Studies.Scheduling.Cities;

/// <summary>A city name that is not one of the study's eleven; the message names it and lists the known ones.</summary>
public sealed class UnknownCityException : Exception
{
    public UnknownCityException()
    {
    }

    public UnknownCityException(string message)
        : base(message)
    {
    }

    public UnknownCityException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
