namespace SyncAdmin.Engine.Sync;

/// <summary>Keys the engine gives new destination records: version 7 UUIDs (RFC 9562), whose text form sorts by creation
/// time. Random version 4 GUIDs land all over every index that holds them — the store's integration-key index and the
/// destination's primary key — so a page of inserts dirtied a fresh index page per record; time-ordered keys append.
/// Within one millisecond a counter keeps them increasing.</summary>
internal static class TimeOrderedGuid
{
    private static readonly object Gate = new();
    private static long _lastMilliseconds;
    private static int _counter;

    public static Guid NewGuid()
    {
        var milliseconds = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        int counter;
        lock (Gate)
        {
            if (milliseconds > _lastMilliseconds)
            {
                _lastMilliseconds = milliseconds;
                _counter = Random.Shared.Next(0x400); // leave room to count up within the millisecond
            }
            else if (++_counter > 0xFFF)
            {
                _lastMilliseconds++; // 4,096 keys in one millisecond: borrow the next one
                _counter = 0;
            }
            milliseconds = _lastMilliseconds;
            counter = _counter;
        }
        Span<byte> random = stackalloc byte[8];
        Random.Shared.NextBytes(random);
        random[0] = (byte)(0x80 | (random[0] & 0x3F)); // RFC 4122 variant
        return new Guid(
            (int)(milliseconds >> 16),
            (short)(milliseconds & 0xFFFF),
            (short)(0x7000 | counter), // version 7, then 12 counter bits
            random[0], random[1], random[2], random[3], random[4], random[5], random[6], random[7]);
    }
}
