using SyncAdmin.Parameters;
using SyncAdmin.Tests.Support;

namespace SyncAdmin.Tests.Parameters;

/// <summary>Which store a command uses, and how it is opened.</summary>
public class StoreLocationTests
{
    [Fact]
    public void The_connected_store_wins_over_the_environment()
    {
        var connected = StoreLocation.Sqlite("/stores/a.db");
        Assert.Same(connected, StoreLocation.Choose(connected, "/stores/b.db"));
        Assert.Equal(StoreLocation.Sqlite(Path.GetFullPath("/stores/b.db")), StoreLocation.Choose(null, " /stores/b.db "));
    }

    [Fact]
    public void Without_either_the_message_says_how_to_choose_one()
    {
        var e = Assert.Throws<StoreNotConnectedException>(() => StoreLocation.Choose(null, ""));
        Assert.Contains("Connect-SyncStore", e.Message);
        Assert.Contains("SYNCADMIN_STORE", e.Message);
    }

    [Fact]
    public void Only_Connect_SyncStore_creates_a_store()
    {
        using var directory = new TempDirectory();
        var location = StoreLocation.Sqlite(directory.File("store.db"));
        Assert.Throws<StoreNotConnectedException>(() => location.Open(null));
        Assert.False(File.Exists(location.Target));
        using (var engine = location.Open(null, create: true)) Assert.True(engine.Store.SchemaVersion > 0);
        using (var engine = location.Open(null)) Assert.Empty(engine.GetMappings());
    }

    [Fact]
    public void A_SQL_Server_store_is_refused_clearly_and_its_password_is_never_shown()
    {
        var location = new StoreLocation(StoreProvider.SqlServer, "Server=db;Database=Sync;User ID=sync;Password=Secret123");
        Assert.DoesNotContain("Secret123", location.Display);
        var e = Assert.Throws<StoreProviderNotSupportedException>(() => location.Open(null));
        Assert.Contains("not supported", e.Message);
    }

    [Theory]
    [InlineData("Data Source=store.db", "store.db")]
    [InlineData("Data Source=/var/sync/store.db;Mode=ReadWriteCreate", "/var/sync/store.db")]
    [InlineData("Filename=store.db", "store.db")]
    public void A_SQLite_connection_string_names_its_file(string connectionString, string file) =>
        Assert.Equal(file, StoreLocation.SqliteDataSource(connectionString));

    [Fact]
    public void A_SQLite_connection_string_without_a_file_is_refused() =>
        Assert.Throws<ArgumentException>(() => StoreLocation.SqliteDataSource("Mode=Memory"));
}
