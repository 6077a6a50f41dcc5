using System.Data.Common;
using System.Text;

namespace SyncAdmin.Engine.Providers;

/// <summary>Text a driver handed over with U+FFFD in it may be its repair of bytes that were never valid UTF-8 (SQLite
/// stores whatever bytes it is given): the stored bytes tell. Carrying the repaired text would change the data silently.</summary>
internal static class TextIntegrity
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The offset of the first invalid byte of the stored text, or null when it is valid UTF-8 (a real U+FFFD)
    /// or the driver cannot hand over the stored bytes.</summary>
    public static int? InvalidUtf8(DbDataReader reader, int ordinal)
    {
        byte[] bytes;
        try
        {
            bytes = reader.GetFieldValue<byte[]>(ordinal);
        }
        catch (Exception e) when (e is InvalidCastException or NotSupportedException)
        {
            return null;
        }
        try
        {
            Strict.GetCharCount(bytes);
            return null;
        }
        catch (DecoderFallbackException e)
        {
            return e.Index < 0 ? 0 : e.Index;
        }
    }
}
