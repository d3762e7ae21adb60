using JinanOnboard.Primitives.Information;

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
        // From the descriptors: building every code would dominate the suite's time.
        LdpcCodeBook book = TestCodes.SmallBook;
        Assert.Equal(book.Count, Enumerable.Range(0, book.Count).Select(book.CodeIdAt).Distinct().Count());
        for (int i = 1; i < book.Count; i++)
        {
            Assert.True(book.SyndromeLengthAt(i) > book.SyndromeLengthAt(i - 1));
        }

        for (int i = 0; i < book.Count; i += 16)
        {
            LdpcCode code = book.Codes[i];
            Assert.Equal((book.CodeIdAt(i), book.SyndromeLengthAt(i), book.MaxQberAt(i)), (code.CodeId, code.SyndromeLength, code.MaxQber));

            // A code can never be selected beyond the Slepian–Wolf limit m = n·h(p).
            Assert.True(code.SyndromeLength > code.BlockLength * BinaryEntropy.Of(code.MaxQber));
        }
    }

    [Fact]
    public void Default_book_has_237_ids_in_one_percent_steps_of_whole_circulants_up_to_the_first_m_of_60000()
    {
        // Spec §2: m = 16·m_b, m_b from 313 with m_b + ⌈m_b/100⌉ up to the first m ≥ 60 000 (id 237, m_b = 3 758).
        LdpcCodeBook book = LdpcCodeBook.Default;
        Assert.Equal(237, book.Count);
        Assert.Equal(317, LdpcCodeBook.NextSyndromeLength(313));
        Assert.Equal(3_758, LdpcCodeBook.NextSyndromeLength(3_720));
        Assert.Equal(5_008, book.SyndromeLengthAt(0));
        Assert.Equal(60_128, book.SyndromeLengthAt(book.Count - 1));
        Assert.All(Enumerable.Range(0, book.Count), i => Assert.Equal(0, book.SyndromeLengthAt(i) % 16));
    }

    [Fact]
    public void A_shorter_block_leaves_out_ids_whose_scaled_syndrome_length_repeats_the_previous_id()
    {
        // Spec §2: at n = 20 000, m_b of ids 16 and 17 (373, 377) both scale to 75 base rows; id 17 is left out, id 18 keeps its rate.
        LdpcCodeBook book = TestCodes.SmallBook;
        Assert.Equal(1_200, book.GetById(16).SyndromeLength);
        Assert.Throws<KeyNotFoundException>(() => book.GetById(17));
        Assert.Equal(1_216, book.GetById(18).SyndromeLength);
        Assert.True(book.Count < LdpcCodeBook.Default.Count);
    }

    [Fact]
    public void A_block_length_that_is_not_a_whole_number_of_circulants_is_refused()
    {
        ArgumentException error = Assert.Throws<ArgumentException>(() => LdpcCodeBook.CreateDefault(20_001));
        Assert.Contains("multiple of the lifting size 16", error.Message, StringComparison.Ordinal);
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
    public void TryGetById_answers_false_for_an_unknown_id_and_the_code_for_a_known_one()
    {
        Assert.False(TestCodes.SmallBook.TryGetById(999, out LdpcCode? missing));
        Assert.Null(missing);
        Assert.True(TestCodes.SmallBook.TryGetById(TestCodes.SmallBook.CodeIdAt(0), out LdpcCode? first));
        Assert.Same(TestCodes.SmallBook.Codes[0], first);
    }

    [Theory]
    [InlineData(100_000, true)]
    [InlineData(2_000, true)]
    [InlineData(992, false)] // a multiple of 16, but shorter than any book
    [InlineData(100_008, false)] // not a whole number of 16-bit circulants
    public void Supported_block_lengths_are_those_a_book_can_be_built_for(int blockLength, bool supported)
    {
        Assert.Equal(supported, LdpcCodeBook.SupportsBlockLength(blockLength));
        if (!supported)
        {
            Assert.ThrowsAny<ArgumentException>(() => LdpcCodeBook.CreateDefault(blockLength));
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
