using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Data.SqlClient;
using SyncAdmin.Engine.Configuration;
using SyncAdmin.Engine.Providers;
using SyncAdmin.Engine.Providers.SqlServer;
using SyncAdmin.Engine.State;

namespace SyncAdmin.Engine.Tests.Providers;

/// <summary>SqlClient 7's secure defaults, met the way an admin meets them: a server whose certificate this machine does
/// not trust (a real TLS listener with a self-signed certificate; Encrypt=Strict does TLS first, as TDS 8 does), and
/// Entra ID sign-in, which needs a package SyncAdmin does not ship.</summary>
public class SqlServerSignInTests
{
    [Fact]
    public void An_untrusted_server_certificate_fails_with_what_to_do_for_a_mapping_connection()
    {
        using var server = new SelfSignedTlsServer();
        var definition = new ConnectionDefinition
        {
            Name = "crm",
            Provider = ProviderKind.SqlServer,
            ConnectionString = $"Server=127.0.0.1,{server.Port};Database=CRM;User ID=sync;Password=Secret-123;Encrypt=Strict;Connect Timeout=10",
        };
        var e = Assert.Throws<DatabaseConnectionException>(() => DatabaseConnections.Open(definition).Dispose());
        Assert.Contains("Cannot open connection 'crm'", e.Message);
        Assert.Contains("TrustServerCertificate=True", e.Message);
        Assert.Contains("install a certificate on the server", e.Message);
        Assert.DoesNotContain("Secret-123", e.ToString());
    }

    [Fact]
    public void An_untrusted_server_certificate_fails_with_what_to_do_for_the_store()
    {
        using var server = new SelfSignedTlsServer();
        var e = Assert.Throws<StoreUnavailableException>(() =>
            StateStore.OpenSqlServer($"Server=127.0.0.1,{server.Port};Database=Sync;User ID=sync;Password=Secret-123;Encrypt=Strict;Connect Timeout=10").Dispose());
        Assert.Contains("TrustServerCertificate=True", e.Message);
    }

    [Theory]
    [InlineData("The certificate chain was issued by an authority that is not trusted.", true)]
    [InlineData("The remote certificate was rejected by the provided RemoteCertificateValidationCallback.", true)]
    [InlineData("The remote certificate is invalid according to the validation procedure: RemoteCertificateNameMismatch", true)]
    [InlineData("Login failed for user 'sync'.", false)]
    [InlineData("A network-related or instance-specific error occurred while establishing a connection to SQL Server.", false)]
    public void The_advice_is_added_only_to_certificate_failures(string driverMessage, bool advised)
    {
        var explained = SqlServerSignIn.Explain(new InvalidOperationException("outer", new Exception(driverMessage)));
        Assert.Equal(advised, explained.Contains("TrustServerCertificate=True"));
        Assert.StartsWith("outer", explained);
    }

    [Theory]
    [InlineData("Active Directory Default")]
    [InlineData("Active Directory Managed Identity")]
    [InlineData("Active Directory MSI")]
    [InlineData("Active Directory Password")]
    [InlineData("Active Directory Integrated")]
    [InlineData("Active Directory Interactive")]
    [InlineData("Active Directory Service Principal")]
    [InlineData("Active Directory Device Code Flow")]
    [InlineData("Active Directory Workload Identity")]
    [InlineData("ActiveDirectoryDefault")]
    [InlineData("active directory managed identity")]
    public void Entra_ID_sign_in_is_refused_naming_the_missing_package_before_any_connection_is_tried(string method)
    {
        // 192.0.2.1 (TEST-NET-1) never answers: a refusal that came from a connection attempt would take the timeout.
        var definition = new ConnectionDefinition
        {
            Name = "crm",
            Provider = ProviderKind.SqlServer,
            ConnectionString = $"Server=192.0.2.1;Database=CRM;Authentication={method};Connect Timeout=30",
        };
        var started = DateTime.UtcNow;
        var e = Assert.Throws<ConfigurationException>(() => DatabaseConnections.Open(definition));
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(5));
        Assert.Contains("Connection 'crm' asks for Entra ID sign-in", e.Message);
        Assert.Contains(SqlServerSignIn.MissingPackage, e.Message);
        Assert.Contains("-ConnectionCredential", e.Message);
        var store = Assert.Throws<ConfigurationException>(() => StateStore.OpenSqlServer($"Server=192.0.2.1;Database=Sync;Authentication={method}"));
        Assert.Contains(SqlServerSignIn.MissingPackage, store.Message);
    }

    [Theory]
    [InlineData("Server=x;Database=y;User ID=u;Password=p")]
    [InlineData("Server=x;Database=y;Authentication=Sql Password;User ID=u;Password=p")]
    [InlineData("Server=x;Database=y;Integrated Security=True")]
    public void SQL_and_Windows_sign_in_pass_the_check(string connectionString) =>
        SqlServerSignIn.Check(new SqlConnectionStringBuilder(connectionString), "Connection 'crm'");

    /// <summary>Accepts TLS connections on a loopback port with a certificate no one trusts, as a server set up without
    /// one would present.</summary>
    private sealed class SelfSignedTlsServer : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly X509Certificate2 _certificate;
        private readonly CancellationTokenSource _stop = new();

        public SelfSignedTlsServer()
        {
            using var key = RSA.Create(2048);
            var request = new CertificateRequest("CN=sql-test.invalid", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
            _certificate = X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
            _listener.Start();
            _ = Task.Run(Serve);
        }

        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        private async Task Serve()
        {
            while (!_stop.IsCancellationRequested)
            {
                try
                {
                    var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                    _ = Task.Run(async () =>
                    {
                        using (client)
                        await using (var tls = new SslStream(client.GetStream()))
                        {
                            try
                            {
                                await tls.AuthenticateAsServerAsync(_certificate);
                            }
                            catch (Exception)
                            {
                                // The client refuses the certificate: exactly what the test is about.
                            }
                        }
                    });
                }
                catch (Exception)
                {
                    return;
                }
            }
        }

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
            _certificate.Dispose();
        }
    }
}
