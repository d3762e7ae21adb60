using System.Globalization;
using JinanOnboard.Ldpc.Construction;

namespace JinanOnboard.Ldpc.Tests;

public sealed class ConstructionTests
{
    [Fact]
    public void Same_distribution_and_seed_give_the_identical_matrix_and_another_seed_does_not()
    {
        LdpcCode a = TestCodes.Build(5000, 1000, 42);
        LdpcCode b = TestCodes.Build(5000, 1000, 42);
        LdpcCode c = TestCodes.Build(5000, 1000, 43);
        Assert.Equal(a.Matrix.RowStart, b.Matrix.RowStart);
        Assert.Equal(a.Matrix.RowColumns, b.Matrix.RowColumns);
        Assert.Equal(a.StructureHash, b.StructureHash);
        Assert.NotEqual(a.StructureHash, c.StructureHash);
    }

    [Fact]
    public void Small_book_structure_hash_matches_the_golden_value_in_the_spec()
    {
        LdpcCode code = TestCodes.SmallBook.GetById(20);
        Assert.Equal("0EBDC3867F8CD1A1", code.StructureHash.ToString("X16", CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Wire_book_code_used_at_two_percent_matches_its_golden_hash()
    {
        // n = 100 000, the code SelectForQber(0.02) returns: pins the full-size construction, not just the test book.
        LdpcCode code = LdpcCodeBook.Default.GetById(106);
        Assert.Same(code, LdpcCodeBook.Default.SelectForQber(0.02));
        Assert.Equal("H84", code.DistributionName);
        Assert.Equal("09180851AD39965F", code.StructureHash.ToString("X16", CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Matrix_has_the_distribution_degrees_concentrated_checks_and_no_double_edges()
    {
        LdpcCode code = TestCodes.SmallBook.GetById(20);
        ParityCheckMatrix h = code.Matrix;
        DegreeDistribution distribution = DistributionTable.ForRate(code.Rate);
        int[] counts = distribution.NodeCounts(h.Columns / LiftedStructure.Z, h.Rows / LiftedStructure.Z); // per base column
        var expected = new Dictionary<int, int>();
        for (int t = 0; t < counts.Length; t++)
        {
            expected[distribution.Terms[t].Degree] = LiftedStructure.Z * counts[t];
        }

        var actual = new Dictionary<int, int>();
        for (int v = 0; v < h.Columns; v++)
        {
            int d = h.ColumnStart[v + 1] - h.ColumnStart[v];
            actual[d] = actual.GetValueOrDefault(d) + 1;
            var rows = new HashSet<int>();
            for (int e = h.ColumnStart[v]; e < h.ColumnStart[v + 1]; e++)
            {
                Assert.True(rows.Add(h.ColumnRows[e]), "double edge");
            }
        }

        Assert.Equal(expected.OrderBy(kv => kv.Key), actual.OrderBy(kv => kv.Key));
        int min = int.MaxValue;
        int max = 0;
        for (int c = 0; c < h.Rows; c++)
        {
            int d = h.RowStart[c + 1] - h.RowStart[c];
            min = Math.Min(min, d);
            max = Math.Max(max, d);
            for (int e = h.RowStart[c] + 1; e < h.RowStart[c + 1]; e++)
            {
                Assert.True(h.RowColumns[e - 1] < h.RowColumns[e], "rows ascending");
            }
        }

        Assert.True(max - min <= 1, $"check degrees {min}..{max} not concentrated");
    }

    [Fact]
    public void Degree_two_columns_form_a_cycle_free_chain()
    {
        // Union-find over checks: each degree-2 column is an edge; a cycle would be a low-weight codeword.
        LdpcCode code = TestCodes.SmallBook.GetById(20);
        ParityCheckMatrix h = code.Matrix;
        int[] parent = Enumerable.Range(0, h.Rows).ToArray();
        int Find(int x)
        {
            while (parent[x] != x)
            {
                x = parent[x] = parent[parent[x]];
            }

            return x;
        }

        int degreeTwo = 0;
        for (int v = 0; v < h.Columns; v++)
        {
            if (h.ColumnStart[v + 1] - h.ColumnStart[v] == 2 && degreeTwo < h.Rows - 1)
            {
                degreeTwo++;
                int a = Find(h.ColumnRows[h.ColumnStart[v]]);
                int b = Find(h.ColumnRows[h.ColumnStart[v] + 1]);
                Assert.NotEqual(a, b);
                parent[a] = b;
            }
        }

        Assert.True(degreeTwo > 0);
    }

    [Fact]
    public void Degree_two_count_is_capped_at_m_minus_one_for_a_distribution_above_the_cap()
    {
        // E80 (Elkouss, now a designer reference): uncapped λ2 would give ≈ 0.28·n degree-2 columns for m = 0.2·n checks.
        DegreeDistribution e80 = DistributionTable.ByName("E80");
        int[] counts = e80.NodeCounts(20_000, 4_000);
        Assert.Equal(3_999, counts[e80.Terms.ToList().FindIndex(t => t.Degree == 2)]);
        Assert.Equal(20_000, counts.Sum());
    }
}
