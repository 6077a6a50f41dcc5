using Microsoft.Data.SqlClient;
using SyncAdmin.Engine.Configuration;
using SyncAdmin.Engine.Providers;
using SyncAdmin.Engine.State;
using SyncAdmin.Engine.Tests.Support;

namespace SyncAdmin.Engine.Tests.Configuration;

/// <summary>A secret never reaches a message, the store or a job record, however it is spelled: quoted, holding ';' or '=',
/// half literal and half placeholder, in a value of the wrong type, in any key; and what a placeholder resolves to is shown
/// as the placeholder.</summary>
public class SecretSpellingTests
{
    private const string Secret = "S3cr3tLIT-p14";

    private static ConfigurationException Refused(string yaml) =>
        Assert.Throws<ConfigurationException>(() => MappingFileLoader.Parse(yaml, "secrets.yaml"));

    private static void Hidden(Exception e, params string[] secrets)
    {
        foreach (var secret in secrets) Assert.DoesNotContain(secret, e.ToString());
    }

    public static TheoryData<string, string> LiteralPasswords => new()
    {
        { $"Server=crm;User ID=sync;Password={Secret}", Secret },
        { $"Server=crm;User ID=sync;pwd={Secret}", Secret },
        { $"Server=crm;User ID=sync;PASSWORD = {Secret} ", Secret },
        { $"Password={Secret};Server=crm", Secret },
        { "Server=crm;Password=\\\"Quoted;S3cr3t\\\";Database=CRM", "S3cr3t" },
        { "Server=crm;Password='Single;S3cr3t=x'", "S3cr3t" },
        { "Server=crm;Password=\\\"Pa55;Tail-Of-Password=9\\\"", "Tail-Of-Password" },
        { $"Server=crm;Password={Secret}${{env:SUFFIX}}", Secret },
        { $"Server=crm;Password=${{env:PREFIX}}{Secret}", Secret },
        { $"Server=crm;Pwd=${{env:A}}-{Secret}-${{env:B}}", Secret },
    };

    [Theory]
    [MemberData(nameof(LiteralPasswords))]
    public void A_literal_password_in_any_spelling_is_refused_without_being_repeated(string connectionString, string secret)
    {
        var e = Refused($"connections:\n  crm: {{ provider: sqlserver, connectionString: \"{connectionString}\" }}\n");
        Assert.Contains("has a password written into its connection string", e.Reason);
        Hidden(e, secret);
    }

    [Theory]
    [InlineData("connections:\n  crm: { provider: \"Server=crm;Password=S3cr3tLIT-p14\", connectionString: \"Server=crm\" }\n")]
    [InlineData("connections:\n  crm: { provider: sqlserver, connectionString: [ \"Server=crm;Password=S3cr3tLIT-p14\" ] }\n")]
    [InlineData("connections:\n  crm: { provider: sqlserver, connectionString: { Password: S3cr3tLIT-p14 } }\n")]
    [InlineData("connections:\n  crm: \"Server=crm;Password=S3cr3tLIT-p14\"\n")]
    [InlineData("connections:\n  crm: [ S3cr3tLIT-p14 ]\n")]
    [InlineData("mappings:\n  - name: M\n    batchSize: \"Server=crm;Password=S3cr3tLIT-p14\"\n")]
    [InlineData("mappings:\n  - name: M\n    direction: \"Password=S3cr3tLIT-p14\"\n")]
    [InlineData("mappings:\n  - name: M\n    fieldLevelMerge: \"pwd=S3cr3tLIT-p14\"\n")]
    [InlineData("mappings:\n  - name: M\n    fields: \"Server=crm;Password='S3cr3tLIT-p14'\"\n")]
    [InlineData("mappings:\n  - name: M\n    matchOn: \"my password is S3cr3tLIT-p14\"\n")]
    public void A_password_in_a_value_of_the_wrong_type_is_never_echoed(string yaml)
    {
        Hidden(Refused(yaml), Secret);
    }

    [Theory]
    [InlineData("Server=crm;Password=\"Quoted;S3cr3t\";Database=CRM")]
    [InlineData("Server=crm;Password='Pa55;Tail-Of-Password=9'")]
    [InlineData("Server=crm;Pwd=\"a=b;c\"")]
    [InlineData("Server=crm;Password=\"unterminated;S3cr3t")]
    public void Redaction_parses_the_connection_string_so_no_tail_of_a_quoted_password_is_left(string connectionString)
    {
        var shown = ConnectionStringPlaceholders.Redact(connectionString);
        foreach (var part in new[] { "S3cr3t", "Tail-Of-Password", "a=b", "Pa55" }) Assert.DoesNotContain(part, shown);
    }

    [Fact]
    public void A_placeholder_password_holding_semicolons_and_equals_is_one_value_and_never_in_a_message()
    {
        const string password = "Pa55;Tail-Of-Password=9;Database=master";
        string? Environment(string name) => name == "CRM_PASSWORD" ? password : null;
        var definition = new ConnectionDefinition
        {
            Name = "crm",
            Provider = ProviderKind.SqlServer,
            ConnectionString = "Server=127.0.0.1,1;Database=CRM;User ID=sync;Password=${env:CRM_PASSWORD};Connect Timeout=1;Encrypt=False",
        };

        var resolved = new SqlConnectionStringBuilder(ConnectionStringPlaceholders.Resolve(definition.ConnectionString, "crm", Environment));
        Assert.Equal(password, resolved.Password);
        Assert.Equal("CRM", resolved.InitialCatalog); // the value did not add a keyword

        var e = Assert.Throws<DatabaseConnectionException>(() => DatabaseConnections.Open(definition, environment: Environment));
        Hidden(e, "Pa55", "Tail-Of-Password");
    }

    [Fact]
    public void What_a_placeholder_resolves_to_is_shown_as_the_placeholder()
    {
        string? Environment(string name) => name == "DATA_ROOT" ? "/srv/very-private/location" : null;
        var definition = new ConnectionDefinition
        {
            Name = "erp",
            Provider = ProviderKind.Sqlite,
            ConnectionString = "Data Source=${env:DATA_ROOT}/nowhere.db",
        };

        var e = Assert.Throws<DatabaseConnectionException>(() => DatabaseConnections.Open(definition, environment: Environment));

        Assert.Contains("${env:DATA_ROOT}/nowhere.db", e.Message);
        Hidden(e, "very-private");
    }

    [Fact]
    public void A_job_that_cannot_open_its_database_keeps_resolved_values_out_of_its_message_and_the_log()
    {
        using var s = new SyncScenario();
        System.Environment.SetEnvironmentVariable("SYNCADMIN_TEST_PRIVATE_ROOT", "/srv/very-private-root");
        try
        {
            File.WriteAllText(s.MappingFile, File.ReadAllText(s.MappingFile)
                .Replace($"Data Source={s.Crm.Path}", "Data Source=${env:SYNCADMIN_TEST_PRIVATE_ROOT}/crm.db"));
            s.Engine.ImportMappings(s.MappingFile);
            s.AddCurrency("EUR", "Euro");

            var job = s.Run().First();

            Assert.Equal(JobStatus.Failed, job.Status);
            Assert.DoesNotContain("very-private-root", job.Message);
            Assert.Contains("${env:SYNCADMIN_TEST_PRIVATE_ROOT}/crm.db", job.Message);
            Assert.All(s.Engine.GetErrors(new ErrorQuery()), error => Assert.DoesNotContain("very-private-root", error.Message + error.Detail));
        }
        finally
        {
            System.Environment.SetEnvironmentVariable("SYNCADMIN_TEST_PRIVATE_ROOT", null);
        }
    }
}
