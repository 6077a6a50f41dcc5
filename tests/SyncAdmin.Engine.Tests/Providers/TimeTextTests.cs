using System.Globalization;
using SyncAdmin.Engine.Providers;
using SyncAdmin.Engine.State;

namespace SyncAdmin.Engine.Tests.Providers;

/// <summary>The fast paths for times give exactly what the general formatting and parsing give.</summary>
public class TimeTextTests
{
    private const string SevenDigits = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public static TheoryData<DateTime> Instants() => new()
    {
        new DateTime(2026, 3, 4, 5, 6, 7, DateTimeKind.Utc).AddTicks(1234567),
        new DateTime(2024, 2, 29, 23, 59, 59, 999, DateTimeKind.Utc),
        new DateTime(2024, 2, 29, 23, 59, 59, 999, DateTimeKind.Unspecified),
        new DateTime(1, 1, 1, 0, 0, 0, DateTimeKind.Utc),
        DateTime.UtcNow,
        DateTime.Now,
    };

    [Theory]
    [MemberData(nameof(Instants))]
    public void Canonical_and_store_times_keep_their_seven_digit_layout(DateTime time)
    {
        var expected = UtcTime.From(time).ToString(SevenDigits, CultureInfo.InvariantCulture);
        Assert.Equal(expected, CanonicalValue.Of(time));
        Assert.Equal(expected, StoreValues.Time(time));
    }

    [Theory]
    [InlineData("2024-05-01T10:00:00.000Z")]
    [InlineData("2024-02-29T23:59:59.999Z")]
    [InlineData("0001-01-01T00:00:00.000Z")]
    [InlineData("9999-12-31T23:59:59.999Z")]
    [InlineData("2024-05-01T10:00:00.000+02:00")]
    [InlineData("2024-05-01 10:00:00")]
    [InlineData(" 2024-05-01T10:00:00.000Z ")]
    [InlineData("2024-05-01T10:00:00.1234567Z")]
    public void Iso_text_parses_as_the_general_parser_does(string text)
    {
        var expected = DateTime.Parse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
        var parsed = UtcTime.Parse(text);
        Assert.Equal(expected, parsed);
        Assert.Equal(DateTimeKind.Utc, parsed.Kind);
    }

    [Theory]
    [InlineData("2023-02-29T10:00:00.000Z")]
    [InlineData("2024-13-01T10:00:00.000Z")]
    [InlineData("2024-05-01T24:00:00.000Z")]
    [InlineData("2024-05-01T10:00:00.00xZ")]
    public void Impossible_iso_text_fails_as_before(string text) =>
        Assert.Throws<FormatException>(() => UtcTime.Parse(text));
}
