using JinanOnboard.Tests.Shared;
using JinanOnboard.Distillation.FiniteKey;

namespace JinanOnboard.Distillation.Tests.FiniteKey;

public sealed class FiniteKeyInputJsonTests
{
    private const string Reference = """
        {
          "intensities": [0.8, 0.1, 0.001],
          "probabilities": [0.5, 0.25, 0.25],
          "z": { "n": [235112, 14734, 115], "m": [2187, 214, 57] },
          "x": { "n": [234980, 14802, 109], "m": [2391, 205, 52] },
          "lambda_ec": 80000
        }
        """;

    [Fact]
    public void Reference_document_parses_to_the_reference_block_with_defaults()
    {
        FiniteKeyInput parsed = FiniteKeyInputJson.Parse(Reference);
        Assert.Equal(FiniteKeyReference.Block(), parsed);
        Assert.Equal(81217, FiniteKeyAnalysis.Compute(parsed).KeyLengthBits);
    }

    [Fact]
    public void The_example_config_shipped_in_the_repository_gives_81217()
    {
        string path = Path.Combine(RepositoryFiles.Root, "configs", "examples", "finite-key-reference.json");
        FiniteKeyInput parsed = FiniteKeyInputJson.Parse(File.ReadAllText(path));
        Assert.Equal(81217, FiniteKeyAnalysis.Compute(parsed).KeyLengthBits);
    }

    [Fact]
    public void Bound_and_epsilons_are_read_when_given()
    {
        string json = Reference.Replace("\"lambda_ec\": 80000", "\"lambda_ec\": 80000, \"bound\": \"Hoeffding\", \"epsilon_sec\": 1e-9, \"epsilon_cor\": 1e-12", StringComparison.Ordinal);
        FiniteKeyInput parsed = FiniteKeyInputJson.Parse(json);
        Assert.Equal(DeviationBound.Hoeffding, parsed.Bound);
        Assert.Equal(1e-9, parsed.EpsilonSec);
        Assert.Equal(1e-12, parsed.EpsilonCor);
    }

    [Theory]
    [InlineData("not json", "not valid JSON")]
    [InlineData("[1,2]", "one JSON object")]
    [InlineData("{\"intensities\": [0.8, 0.1, 0.001]}", "'probabilities' is missing")]
    [InlineData("\"lambda_ec\": 80000, \"epsilon_secc\": 1", "unknown field 'epsilon_secc'")]
    [InlineData("\"lambda_ec\": 80000, \"bound\": \"gauss\"", "'bound'")]
    [InlineData("[2187, 214, 57]", "'z.m' must be an array of 3")]
    [InlineData("[235112, 14734.5, 115]", "'z.n' must hold whole numbers")]
    public void Bad_documents_are_refused_naming_the_field(string change, string expectedMessage)
    {
        string json = change switch
        {
            "not json" or "[1,2]" => change,
            _ when change.StartsWith('{') => change,
            _ when change.StartsWith("\"lambda_ec\"", StringComparison.Ordinal) => Reference.Replace("\"lambda_ec\": 80000", change, StringComparison.Ordinal),
            "[2187, 214, 57]" => Reference.Replace("[2187, 214, 57]", "[2187, 214]", StringComparison.Ordinal),
            _ => Reference.Replace("[235112, 14734, 115]", change, StringComparison.Ordinal),
        };
        FormatException error = Assert.Throws<FormatException>(() => FiniteKeyInputJson.Parse(json));
        Assert.Contains(expectedMessage, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Inconsistent_counts_are_refused_with_the_field_named()
    {
        string json = Reference.Replace("[2391, 205, 52]", "[2391, 205, 110]", StringComparison.Ordinal);
        ArgumentException error = Assert.Throws<ArgumentException>(() => FiniteKeyInputJson.Parse(json));
        Assert.Contains("x.m", error.Message, StringComparison.Ordinal);
    }
}
