using System.Security.Authentication;
using Microsoft.Data.SqlClient;
using SyncAdmin.Engine.Configuration;

namespace SyncAdmin.Engine.Providers.SqlServer;

/// <summary>What SqlClient 7 changed for an admin, said where it bites. Connections are encrypted by default
/// (Encrypt=Mandatory), so a server without a certificate this machine trusts now refuses the connection: the failure
/// says what to do instead of leaving a TLS message. Entra ID sign-in needs Microsoft.Data.SqlClient.Extensions.Azure,
/// which SyncAdmin does not ship (the package feed it is built from does not serve it): asking for it is refused before
/// any connection is tried, naming the package and what works instead.</summary>
public static class SqlServerSignIn
{
    public const string MissingPackage = "Microsoft.Data.SqlClient.Extensions.Azure";

    public const string CertificateAdvice =
        "The server's certificate is not trusted by this machine. Connections are encrypted by default (Encrypt=Mandatory): " +
        "install a certificate on the server that this machine trusts (or trust its issuing authority here); for a test " +
        "server only, add TrustServerCertificate=True to the connection string. Turning encryption off (Encrypt=False) is not " +
        "recommended.";

    /// <summary>Refuses an Entra ID (Azure Active Directory) authentication method.</summary>
    /// <exception cref="ConfigurationException">The connection string asks for Entra ID sign-in.</exception>
    public static void Check(SqlConnectionStringBuilder builder, string connection)
    {
        if (builder.Authentication is SqlAuthenticationMethod.NotSpecified or SqlAuthenticationMethod.SqlPassword) return;
        throw new ConfigurationException(
            $"{connection} asks for Entra ID sign-in (Authentication={builder.Authentication}), which needs the package " +
            $"{MissingPackage}; SyncAdmin does not ship it. Sign in with SQL authentication instead (User ID and Password as " +
            "${env:NAME} placeholders, or Connect-SyncStore -ConnectionCredential), or with Integrated Security=True on a " +
            "domain-joined machine (a Hybrid Runbook Worker).");
    }

    /// <summary>The refusal <see cref="Check"/> would throw for a connection string as written, if any (a string that does not
    /// parse yet, with placeholders in it, is left to the check at connection time).</summary>
    public static string? Problem(string connectionString, string connection)
    {
        SqlConnectionStringBuilder builder;
        try
        {
            builder = new SqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException)
        {
            return null;
        }
        try
        {
            Check(builder, connection);
            return null;
        }
        catch (ConfigurationException e)
        {
            return e.Message;
        }
    }

    /// <summary>The driver's message, with what to do when the failure is an untrusted server certificate.</summary>
    public static string Explain(Exception failure)
    {
        var message = failure.Message;
        return IsUntrustedCertificate(failure) ? $"{message} {CertificateAdvice}" : message;
    }

    public static bool IsUntrustedCertificate(Exception failure)
    {
        for (var e = (Exception?)failure; e is not null; e = e.InnerException)
        {
            if (e is AuthenticationException) return true;
            var text = e.Message;
            if (text.Contains("certificate", StringComparison.OrdinalIgnoreCase)
                && (text.Contains("not trusted", StringComparison.OrdinalIgnoreCase)
                    || text.Contains("untrusted", StringComparison.OrdinalIgnoreCase)
                    || text.Contains("rejected", StringComparison.OrdinalIgnoreCase)
                    || text.Contains("is invalid", StringComparison.OrdinalIgnoreCase)
                    || text.Contains("chain", StringComparison.OrdinalIgnoreCase)))
                return true;
        }
        return false;
    }
}
