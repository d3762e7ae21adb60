using JinanOnboard.Ldpc.Construction;

namespace JinanOnboard.Ldpc.Tests;

public sealed class LiftedConstructionTests
{
    [Fact]
    public void Every_book_matrix_is_the_circulant_expansion_of_its_base_graph()
    {
        LdpcCode code = TestCodes.SmallBook.GetById(20);
        ParityCheckMatrix h = code.Matrix;
        LiftedStructure lifting = Assert.IsType<LiftedStructure>(h.Lifting);
        const int Z = LiftedStructure.Z;
        Assert.Equal((h.Columns, h.Rows), (lifting.BaseColumns * Z, lifting.BaseRows * Z));
        for (int r = 0; r < lifting.BaseRows; r++)
        {
            int degree = lifting.RowStart[r + 1] - lifting.RowStart[r];
            for (int i = 0; i < Z; i++)
            {
                int row = (r * Z) + i;
                Assert.Equal(degree, h.RowStart[row + 1] - h.RowStart[row]);
                for (int k = 0; k < degree; k++)
                {
                    int e = lifting.RowStart[r] + k;
                    Assert.Equal((lifting.Block[e] * Z) + ((i + lifting.Shift[e]) % Z), h.RowColumns[h.RowStart[row] + k]);
                }
            }
        }
    }

    [Theory]
    [InlineData(false, 180)] // R = 0.66, E65, n = 20 000
    [InlineData(true, 58)] // the wire book's 1 % code, D91, rows of ≈ 75
    [InlineData(true, 80)] // H88, columns of degree up to 80
    [InlineData(true, 106)] // the wire book's 2 % code, H84 (28 % of its edges on degree-80 columns)
    public void Codes_have_no_four_cycles(bool wireBook, int codeId)
    {
        // A 4-cycle is two rows sharing two columns. The shift choice of spec §4 step 5 avoids them whenever a shift allows:
        // in the wire book from id 29 (R ≤ 0.931) on, except the H88 codes above R ≈ 0.88 (degree-60 columns on few rows);
        // the densest high-rate codes and small books' codes (their base graphs have few rows) keep some (spec §4).
        ParityCheckMatrix h = (wireBook ? LdpcCodeBook.Default : TestCodes.SmallBook).GetById(codeId).Matrix;
        var seen = new HashSet<long>();
        int cycles = 0;
        for (int v = 0; v < h.Columns; v++)
        {
            for (int a = h.ColumnStart[v]; a < h.ColumnStart[v + 1]; a++)
            {
                for (int b = a + 1; b < h.ColumnStart[v + 1]; b++)
                {
                    int low = Math.Min(h.ColumnRows[a], h.ColumnRows[b]);
                    int high = Math.Max(h.ColumnRows[a], h.ColumnRows[b]);
                    if (!seen.Add(((long)low * h.Rows) + high))
                    {
                        cycles++;
                    }
                }
            }
        }

        Assert.Equal(0, cycles);
    }

    [Fact]
    public void Same_distribution_and_seed_give_the_identical_base_graph_and_another_seed_does_not()
    {
        DegreeDistribution distribution = DistributionTable.ForRate(0.85);
        LiftedStructure a = LiftedGraphBuilder.Build(20_000, 3_008, distribution, 42).Lifting!;
        LiftedStructure b = LiftedGraphBuilder.Build(20_000, 3_008, distribution, 42).Lifting!;
        LiftedStructure c = LiftedGraphBuilder.Build(20_000, 3_008, distribution, 43).Lifting!;
        Assert.Equal(a.RowStart, b.RowStart);
        Assert.Equal(a.Block, b.Block);
        Assert.Equal(a.Shift, b.Shift);
        Assert.NotEqual(a.Block, c.Block);
    }

    [Fact]
    public void Lifted_construction_refuses_sizes_that_are_not_whole_circulants()
    {
        DegreeDistribution distribution = DistributionTable.ForRate(0.85);
        Assert.Throws<ArgumentException>(() => LiftedGraphBuilder.Build(20_008, 3_000, distribution, 1));
        Assert.Throws<ArgumentException>(() => LiftedGraphBuilder.Build(20_000, 3_001, distribution, 1));
    }
}
