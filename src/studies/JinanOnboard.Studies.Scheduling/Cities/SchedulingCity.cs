using JinanOnboard.Orbit.Sites;

namespace JinanOnboard.Studies.Scheduling.Cities;

/// <summary>One city of the network: its ground site, its 2020 population and its normalised weight w_n (models.md §8).</summary>
public sealed record SchedulingCity(string Name, GroundSite Site, double PopulationMillions, double Weight);
