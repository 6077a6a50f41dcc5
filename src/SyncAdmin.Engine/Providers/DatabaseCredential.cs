namespace SyncAdmin.Engine.Providers;

/// <summary>A user name and password that replace the ones in a connection string (a cmdlet's -Credential).</summary>
public sealed record DatabaseCredential(string UserName, string Password)
{
    /// <summary>Never shows the password (a record would print every property).</summary>
    public override string ToString() => $"DatabaseCredential {{ UserName = {UserName}, Password = *** }}";
}
