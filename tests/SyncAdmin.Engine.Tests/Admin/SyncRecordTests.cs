using SyncAdmin.Engine.Admin;
using SyncAdmin.Engine.Configuration;
using SyncAdmin.Engine.State;
using SyncAdmin.Engine.Tests.Support;

namespace SyncAdmin.Engine.Tests.Admin;

/// <summary>Get-SyncRecord's engine: the live rows behind an error, a skipped record or a coupling.</summary>
public class SyncRecordTests
{
    private static SyncScenario Synced()
    {
        var s = new SyncScenario();
        s.AddCurrency("EUR", "Euro");
        s.AddCustomer("10000", "Adatum", currency: "EUR");
        s.AddCustomer("20000", "Trey", currency: "EUR");
        s.Run();
        return s;
    }

    [Fact]
    public void A_coupled_record_shows_every_field_with_base_local_and_integration_values_and_lookups_translated()
    {
        using var s = Synced();
        s.EditAccount(s.AccountId("10000"), ("name", "Adatum CRM"));
        using var reader = s.Engine.OpenRecordReader();

        var record = reader.Read("CUSTOMER", "10000", null);

        Assert.Equal(("10000", s.AccountId("10000")), (record.LocalKey, record.IntegrationKey));
        Assert.Equal((RecordPresence.Exists, RecordPresence.Exists), (record.Local, record.Integration));
        Assert.NotNull(record.Coupling);
        var name = record.Fields.Single(f => f.Field == "Name");
        Assert.Equal(("Adatum", "Adatum", "Adatum", "Adatum CRM"), (name.BaseLocalValue, name.LocalValue, name.BaseIntegrationValue, name.IntegrationValue));
        Assert.False(name.LocalChanged);
        Assert.True(name.IntegrationChanged);
        var currency = record.Fields.Single(f => f.Field == "CurrencyCode");
        var eurId = (string)s.Crm.Rows("transactioncurrency").Single()["transactioncurrencyid"]!;
        Assert.Equal(("EUR", eurId, eurId, "EUR"), (currency.LocalValue, currency.LocalAsIntegration, currency.IntegrationValue, currency.IntegrationAsLocal));
        Assert.Contains($"local 'EUR' → '{eurId}'", currency.ToString());
        Assert.Contains("integration 'Adatum CRM' *", name.ToString());
    }

    [Fact]
    public void The_same_record_is_found_by_its_integration_key_and_a_key_typed_differently()
    {
        using var s = Synced();
        using var reader = s.Engine.OpenRecordReader();
        var byIntegration = reader.Read("customer", null, s.AccountId("20000").ToUpperInvariant());
        Assert.Equal("20000", byIntegration.LocalKey);
        Assert.Equal("CUSTOMER", byIntegration.Mapping);
    }

    [Fact]
    public void A_deleted_counterpart_and_a_record_never_created_are_told_apart()
    {
        using var s = Synced();
        s.Crm.Execute("DELETE FROM account WHERE accountnumber = '10000'");
        s.AddCustomer("30000", "Broken", currency: "XXX"); // its insert fails: no coupled currency
        s.Run();
        using var reader = s.Engine.OpenRecordReader();

        var deleted = reader.Read("CUSTOMER", "10000", null);
        Assert.Equal((RecordPresence.Exists, RecordPresence.Deleted), (deleted.Local, deleted.Integration));
        Assert.All(deleted.Fields.Where(f => f.IntegrationField is not null), f =>
        {
            Assert.Null(f.IntegrationValue);
            Assert.False(f.IntegrationChanged); // a missing row has no value to have changed
            Assert.Contains("integration (no row)", f.ToString());
        });

        var error = s.Engine.GetErrors(new ErrorQuery { LocalKey = "30000" }).First();
        var never = reader.Read(error.Mapping, error.LocalKey, error.IntegrationKey);
        Assert.Equal((RecordPresence.Exists, RecordPresence.NeverCreated), (never.Local, never.Integration));
        Assert.Null(never.IntegrationKey);
        var currency = never.Fields.Single(f => f.Field == "CurrencyCode");
        Assert.Contains("local 'XXX' → (not coupled)", currency.ToString());
    }

    [Fact]
    public void A_record_without_a_coupling_and_a_key_that_does_not_exist()
    {
        using var s = Synced();
        s.AddCustomer("40000", "New, not synced yet");
        using var reader = s.Engine.OpenRecordReader();

        var uncoupled = reader.Read("CUSTOMER", "40000", null);
        Assert.Equal((RecordPresence.Exists, RecordPresence.NotCoupled), (uncoupled.Local, uncoupled.Integration));
        Assert.Null(uncoupled.Coupling);

        var missing = reader.Read("CUSTOMER", "99999", null);
        Assert.Equal(RecordPresence.NotFound, missing.Local);
    }

    [Theory]
    [InlineData("Ünïcødé-キー")]
    [InlineData("O'Brien; DROP TABLE Customer --")]
    [InlineData(" padded ")]
    public void Keys_of_any_text_are_read_as_they_are(string key)
    {
        using var s = Synced();
        s.AddCustomer(key, "Odd key");
        s.Run();
        using var reader = s.Engine.OpenRecordReader();

        var record = reader.Read("CUSTOMER", key, null);

        Assert.Equal((key, RecordPresence.Exists, RecordPresence.Exists), (record.LocalKey, record.Local, record.Integration));
        Assert.Equal(3, s.Erp.Count("Customer"));
    }

    [Fact]
    public void A_key_that_does_not_fit_the_key_column_and_an_unknown_mapping_are_clear_errors()
    {
        using var s = Synced();
        using var reader = s.Engine.OpenRecordReader();
        var e = Assert.Throws<ArgumentException>(() => reader.Read("CUSTOMER", null, "not-a-guid"));
        Assert.Contains("'not-a-guid' is not a key of table 'account'", e.Message);
        Assert.Throws<MappingNotFoundException>(() => reader.Read("NOPE", "1", null));
        Assert.Throws<ArgumentException>(() => reader.Read("CUSTOMER", null, null));
    }
}
