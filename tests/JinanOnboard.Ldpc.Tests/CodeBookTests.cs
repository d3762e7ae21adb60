namespace JinanOnboard.Ldpc.Tests;

public sealed class CodeBookTests
{
    [Fact]
    public void SelectForQber_is_monotone_and_covers_half_a_percent_to_eleven_percent()
    {
        LdpcCodeBook book = LdpcCodeBook.Default; // descriptors only: selection builds just the chosen codes
        int previousIndex = -1;
        for (double qber = 0.005; qber <= 0.11 + 1e-12; qber += 0.0025)
        {
            int index = IndexOfSelection(book, qber);
            Assert.True(index >= previousIndex, $"selection went down at QBER {qber}");
            Assert.True(book.MaxQberAt(index) >= qber, $"no code covers QBER {qber}");
            previousIndex = index;
        }
    }

    [Fact]
    public void SelectForQber_picks_non_decreasing_syndrome_lengths_as_qber_grows()
    {
        LdpcCodeBook book = TestCodes.SmallBook;
        int previous = 0;
        foreach (double qber in new[] { 0.0, 0.005, 0.01, 0.02, 0.03, 0.05, 0.08, 0.11, 0.2 })
        {
            LdpcCode code = book.SelectForQber(qber);
            Assert.True(code.SyndromeLength >= previous, $"QBER {qber}: m went down");
            Assert.True(qber > 0.11 || code.MaxQber >= qber);
            previous = code.SyndromeLength;
        }
    }

    [Fact]
    public void Codes_have_unique_ids_ascending_syndrome_lengths_and_efficiency_above_one()
    {
        LdpcCodeBook book = TestCodes.SmallBook;
        Assert.Equal(book.Count, book.Codes.Select(c => c.CodeId).Distinct().Count());
        for (int i = 1; i < book.Count; i++)
        {
            Assert.True(book.Codes[i].SyndromeLength > book.Codes[i - 1].SyndromeLength);
        }

        for (int i = 0; i < book.Count; i += 4) // every 4th code: building all 65 dominates the test time
        {
            LdpcCode code = book.Codes[i];
            // A code can never be selected beyond the Slepian–Wolf limit m = n·h(p).
            Assert.True(code.SyndromeLength > code.BlockLength * BinaryEntropy.Of(code.MaxQber));
        }
    }

    [Fact]
    public void Default_book_is_n_100000_and_GetById_round_trips()
    {
        LdpcCode code = LdpcCodeBook.Default.SelectForQber(0.02);
        Assert.Equal(100_000, code.BlockLength);
        Assert.Same(code, LdpcCodeBook.Default.GetById(code.CodeId));
    }

    [Fact]
    public void Unknown_id_throws_KeyNotFoundException_naming_the_id()
    {
        KeyNotFoundException error = Assert.Throws<KeyNotFoundException>(() => TestCodes.SmallBook.GetById(999));
        Assert.Contains("999", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Binary_entropy_and_its_inverse_agree()
    {
        Assert.Equal(0.1414, BinaryEntropy.Of(0.02), 4);
        Assert.Equal(1.0, BinaryEntropy.Of(0.5), 12);
        foreach (double p in new[] { 0.005, 0.02, 0.11, 0.3 })
        {
            Assert.Equal(p, BinaryEntropy.Inverse(BinaryEntropy.Of(p)), 9);
        }
    }

    private static int IndexOfSelection(LdpcCodeBook book, double qber)
    {
        for (int i = 0; i < book.Count; i++)
        {
            if (book.MaxQberAt(i) >= qber)
            {
                return i;
            }
        }

        return book.Count - 1;
    }
}
