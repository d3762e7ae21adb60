using System.CommandLine;
using JinanOnboard.Distillation.FiniteKey;
using JinanOnboard.Distillation.PrivacyAmplification;

namespace JinanOnboard.Cli.Commands;

/// <summary>Independent checks of the distillation maths: <c>jinan pa</c> and <c>jinan finite-key</c> (issue 3 item 11).</summary>
internal static partial class CommandCatalog
{
    static partial void AddDistillation(RootCommand root)
    {
        root.Subcommands.Add(CreatePaCommand());
        root.Subcommands.Add(CreateFiniteKeyCommand());
    }

    private static Command CreatePaCommand()
    {
        var command = new Command(
            "pa",
            "Toeplitz privacy amplification of a raw bit string (protocol-spec/privacy-amplification.md): " +
            "y[i] = XOR_j s[i − j + n − 1] AND x[j], bit j of a file = (b[j>>3] >> (j&7)) & 1.");
        var seed = new Option<FileInfo>("--seed") { Description = "Seed file: at least n + m − 1 bits.", Required = true };
        var input = new Option<FileInfo>("--in") { Description = "Input bit string x.", Required = true };
        var inputBits = new Option<long?>("--in-bits") { Description = "n, input bits to use (default: 8 × input file length)." };
        var outputBits = new Option<int>("--out-bits") { Description = "m, output bits.", Required = true };
        var output = new Option<FileInfo>("--out") { Description = "Output file: ceil(m/8) bytes, unused high bits of the last byte 0.", Required = true };
        var json = new Option<bool>("--json") { Description = "Print n, m and the output size as JSON." };
        foreach (Option option in new Option[] { seed, input, inputBits, outputBits, output, json })
        {
            command.Options.Add(option);
        }

        command.SetAction(parse => RunReportingUserErrors(() => RunPa(
            parse.GetRequiredValue(seed),
            parse.GetRequiredValue(input),
            parse.GetValue(inputBits),
            parse.GetValue(outputBits),
            parse.GetRequiredValue(output),
            parse.GetValue(json))));
        return command;
    }

    private static int RunPa(FileInfo seedFile, FileInfo inputFile, long? inputBitsOption, int m, FileInfo outputFile, bool json)
    {
        byte[] x = ReadUserFile(inputFile, "--in");
        long available = 8L * x.Length;
        long n = inputBitsOption ?? available;
        if (n < 1)
        {
            throw new UserErrorException(inputBitsOption is null ? $"input file '{inputFile.FullName}' is empty." : "--in-bits must be at least 1.");
        }

        if (n > available)
        {
            throw new UserErrorException($"--in-bits {n} exceeds the {available} bits of '{inputFile.FullName}'.");
        }

        if (n > int.MaxValue)
        {
            throw new UserErrorException($"n = {n} bits is more than this tool handles ({int.MaxValue}).");
        }

        if (m < 1)
        {
            throw new UserErrorException("--out-bits must be at least 1.");
        }

        // Privacy amplification compresses: a Toeplitz matrix with more rows than columns would compute the extra bits
        // from the same n input bits, so they would look like key but add no secrecy.
        if (m > n)
        {
            throw new UserErrorException($"--out-bits {m} exceeds the {n} input bits: privacy amplification can only shorten its input.");
        }

        byte[] seed = ReadUserFile(seedFile, "--seed");
        long needed = ToeplitzHash.SeedBitCount((int)n, m);
        if (8L * seed.Length < needed)
        {
            throw new UserErrorException(
                $"seed file '{seedFile.FullName}' holds {8L * seed.Length} bits but n + m − 1 = {n} + {m} − 1 = {needed} are needed.");
        }

        byte[] y = new byte[(m + 7) / 8];
        ToeplitzHash.Apply(seed, x, (int)n, y, m);
        try
        {
            File.WriteAllBytes(outputFile.FullName, y);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UserErrorException($"cannot write '{outputFile.FullName}': {ex.Message}");
        }

        if (json)
        {
            CliJson.Write(new { InputBits = n, OutputBits = m, SeedBitsUsed = needed, Out = outputFile.FullName, OutputBytes = y.Length });
        }
        else
        {
            Console.Out.WriteLine($"pa: n = {n} bits, m = {m} bits, seed bits used = {needed}; wrote {y.Length} bytes to {outputFile.FullName}");
        }

        return ExitCodes.Ok;
    }

    private static Command CreateFiniteKeyCommand()
    {
        var command = new Command(
            "finite-key",
            "Finite-key length ℓ of one PA block with every intermediate bound, as JSON (finite-key.md; input schema in protocol-spec/finite-key-input.md).");
        var input = new Option<FileInfo>("--in") { Description = "counts.json: intensities, probabilities, counts n and m per basis and intensity, lambda_ec, epsilons.", Required = true };
        command.Options.Add(input);
        command.SetAction(parse => RunReportingUserErrors(() =>
        {
            FileInfo file = parse.GetRequiredValue(input);
            string text = System.Text.Encoding.UTF8.GetString(ReadUserFile(file, "--in"));
            FiniteKeyInput counts;
            try
            {
                counts = FiniteKeyInputJson.Parse(text);
            }
            catch (Exception ex) when (ex is FormatException or ArgumentException)
            {
                throw new UserErrorException($"{file.Name}: {ex.Message}");
            }

            CliJson.Write(FiniteKeyReport(FiniteKeyAnalysis.Compute(counts)));
            return ExitCodes.Ok;
        }));
        return command;
    }

    /// <summary>The result in finite-key.md's own notation so a reader can check it against the formulas.</summary>
    private static object FiniteKeyReport(FiniteKeyResult result) => new
    {
        KeyLengthBits = result.KeyLengthBits,
        KeyLengthBeforeFloor = result.KeyLengthBeforeFloor,
        Bound = result.Bound == DeviationBound.Hoeffding ? "hoeffding" : "chernoff",
        EpsilonPerBound = result.EpsilonPerBound,
        Tau0 = result.Tau0,
        Tau1 = result.Tau1,
        LambdaEcBits = result.LambdaEcBits,
        SecurityCostBits = result.SecurityCostBits,
        Z = BasisReport(result.Z),
        X = BasisReport(result.X),
    };

    private static object BasisReport(BasisBounds bounds) => new
    {
        NLower = Triple(bounds.DetectionsLower),
        NUpper = Triple(bounds.DetectionsUpper),
        MLower = Triple(bounds.ErrorsLower),
        MUpper = Triple(bounds.ErrorsUpper),
        S0 = bounds.VacuumEvents,
        S1 = bounds.SinglePhotonEvents,
        V1 = bounds.SinglePhotonBitErrors,
        ROtherBasis = bounds.OtherBasisErrorRate,
        Gamma = bounds.Gamma,
        Phi = bounds.PhaseErrorRate,
    };

    private static double[] Triple(PerIntensity<double> values) => [values.Signal, values.Decoy, values.Vacuum];

    private static byte[] ReadUserFile(FileInfo file, string option)
    {
        try
        {
            return File.ReadAllBytes(file.FullName);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new UserErrorException($"{option}: cannot read '{file.FullName}': {ex.Message}");
        }
    }

    /// <summary>Prints a user mistake as one line on stderr with exit code 2, whatever the parser's exception handling.</summary>
    private static int RunReportingUserErrors(Func<int> action)
    {
        try
        {
            return action();
        }
        catch (UserErrorException ex)
        {
            Console.Error.WriteLine($"jinan: {ex.Message}");
            return ex.ExitCode;
        }
    }
}
