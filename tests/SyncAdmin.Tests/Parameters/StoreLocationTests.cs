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
    public void An_unreachable_SQL_Server_store_is_StoreUnavailable_and_its_password_is_never_shown()
    {
        var location = new StoreLocation(StoreProvider.SqlServer,
            "Server=127.0.0.1,1;Database=Sync;User ID=sync;Password=Secret123;Connect Timeout=2;Encrypt=false");
        Assert.DoesNotContain("Secret123", location.Display);
        var e = Assert.ThrowsAny<Exception>(() => location.Open(null));
        Assert.DoesNotContain("Secret123", e.Message);
        var failure = EngineFailure.Of(e, "x", FailureCategory.NotSpecified);
        Assert.Equal((ErrorIds.StoreUnavailable, FailureCategory.ResourceUnavailable), (failure.ErrorId, failure.Category));
        Assert.True(EngineFailure.IsExpected(e));
    }

    [Theory]
    [InlineData("Server=sql01;Database=Sync;Integrated Security=true")]
    [InlineData("Data Source=sql01;Initial Catalog=Sync;User ID=${env:SYNC_USER};Password=${env:SYNC_PASSWORD}")]
    public void The_environment_may_name_a_SQL_Server_store_by_its_connection_string(string value)
    {
        var location = StoreLocation.FromEnvironment(value);
        Assert.Equal(StoreProvider.SqlServer, location.Provider);
        Assert.Equal(value, location.Target);
    }

    [Fact]
    public void The_environment_names_a_SQLite_store_by_path_or_by_connection_string()
    {
        Assert.Equal(StoreLocation.Sqlite(Path.GetFullPath("/stores/a.db")), StoreLocation.FromEnvironment("/stores/a.db"));
        Assert.Equal(StoreLocation.Sqlite(Path.GetFullPath("/stores/b.db")), StoreLocation.FromEnvironment("Data Source=/stores/b.db"));
        Assert.Equal(StoreLocation.Sqlite(Path.GetFullPath("store.db")), StoreLocation.FromEnvironment("store.db"));
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
