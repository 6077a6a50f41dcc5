namespace SyncAdmin.Engine.Tests.Providers;

/// <summary>A fact that runs only when <c>SYNCADMIN_TEST_SQLSERVER</c> holds a connection string, and otherwise shows
/// as skipped with the reason (no SQL Server on the build machines).</summary>
public sealed class SqlServerFactAttribute : FactAttribute
{
    public const string Variable = "SYNCADMIN_TEST_SQLSERVER";

    public SqlServerFactAttribute()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
            Skip = $"No SQL Server: set {Variable} to a connection string to run the SQL Server tests.";
    }

    public static string? ConnectionString => Environment.GetEnvironmentVariable(Variable);
}
