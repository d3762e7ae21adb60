using JinanOnboard.Ldpc.Comparison;

namespace JinanOnboard.Ldpc.Tests;

public sealed class PaddedRowsTests
{
    [Fact]
    public void Every_row_starts_on_a_vector_boundary_holds_its_columns_and_pads_with_the_dummy_column()
    {
        LdpcCode code = TestCodes.WithEfficiency(0.03, 1.35);
        PaddedRows rows = PaddedRows.For(code.Matrix);
        int[] rowStart = code.Matrix.RowStart;
        int[] columns = code.Matrix.RowColumns;
        Assert.Equal(code.BlockLength, rows.DummyColumn);
        for (int c = 0; c < code.SyndromeLength; c++)
        {
            int degree = rowStart[c + 1] - rowStart[c];
            int start = rows.RowStart[c];
            int padded = rows.RowStart[c + 1] - start;
            Assert.Equal(0, start % PaddedRows.Lanes);
            Assert.Equal(degree, rows.Degree[c]);
            Assert.InRange(padded - degree, 0, PaddedRows.Lanes - 1);
            Assert.True(padded <= rows.PaddedMaxDegree);
            Assert.Equal(columns[rowStart[c]..rowStart[c + 1]], rows.Columns[start..(start + degree)]);
            Assert.All(rows.Columns[(start + degree)..(start + padded)], column => Assert.Equal(code.BlockLength, column));
        }
    }

    [Fact]
    public void Row_groups_are_pairwise_column_disjoint_and_never_longer_than_the_limit()
    {
        LdpcCode code = TestCodes.WithEfficiency(0.10, 1.35); // dense rows: many overlaps to exercise the check
        PaddedRows rows = PaddedRows.For(code.Matrix);
        int[] rowStart = code.Matrix.RowStart;
        int[] columns = code.Matrix.RowColumns;
        int m = code.SyndromeLength;
        int grouped = 0;
        for (int c = 0; c < m; c++)
        {
            int length = rows.GroupLength[c];
            Assert.InRange(length, 1, Math.Min(PaddedRows.MaxGroup, m - c));
            var seen = new HashSet<int>();
            for (int j = 0; j < length; j++)
            {
                for (int e = rowStart[c + j]; e < rowStart[c + j + 1]; e++)
                {
                    Assert.True(seen.Add(columns[e]), $"rows {c}..{c + length - 1} share column {columns[e]}");
                }
            }

            grouped += length > 1 ? 1 : 0;
        }

        Assert.True(grouped > m / 2, "most rows should start a group of two or more");
    }

    [Theory]
    [InlineData(72)]
    [InlineData(84)]
    public void Unstructured_codes_72_and_84_hold_a_disjoint_pair_of_unequal_padded_length(int codeId)
    {
        // The premise of DecoderTests.Pairs_of_unequal_padded_length_also_decode_exactly_as_row_by_row.
        LdpcCode code = TestCodes.Unstructured(codeId);
        PaddedRows rows = PaddedRows.For(code.Matrix);
        bool found = false;
        for (int c = 0; c < code.SyndromeLength; c += rows.GroupLength[c])
        {
            found |= rows.GroupLength[c] == 2 && rows.RowStart[c + 1] - rows.RowStart[c] != rows.RowStart[c + 2] - rows.RowStart[c + 1];
        }

        Assert.True(found);
    }

    [Fact]
    public void Sizes_without_building_match_the_built_layout()
    {
        LdpcCode code = TestCodes.Unstructured(72);
        PaddedRows rows = PaddedRows.For(code.Matrix);
        Assert.Equal((rows.PaddedEdgeCount, rows.PaddedMaxDegree), PaddedRows.Sizes(code.Matrix));
    }

    [Fact]
    public void Layout_is_built_once_per_code_and_shared()
    {
        LdpcCode code = TestCodes.WithEfficiency(0.02, 1.2);
        Assert.Same(PaddedRows.For(code.Matrix), PaddedRows.For(code.Matrix));
    }
}
