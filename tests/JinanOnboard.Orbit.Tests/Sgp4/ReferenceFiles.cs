namespace JinanOnboard.Orbit.Tests.Sgp4;

/// <summary>Locates ../shared/reference/sgp4/ beside the repository (the directory holding JinanOnboard.sln).</summary>
internal static class ReferenceFiles
{
    public static string Sgp4Directory()
    {
        for (DirectoryInfo? dir = new(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "JinanOnboard.sln")))
            {
                string reference = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "reference", "sgp4"));
                if (!Directory.Exists(reference))
                {
                    throw new DirectoryNotFoundException(
                        $"Found the repository at {dir.FullName} but not the SGP4 reference files at {reference} (SGP4-VER.TLE, tcppver.out).");
                }

                return reference;
            }
        }

        throw new DirectoryNotFoundException(
            $"No directory containing JinanOnboard.sln above {AppContext.BaseDirectory}; cannot locate ../shared/reference/sgp4/.");
    }
}
