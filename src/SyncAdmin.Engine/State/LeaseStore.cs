namespace SyncAdmin.Engine.State;

/// <summary>A lease per mapping with owner and expiry, so two runs of one mapping never interleave, on one machine or
/// across runbook workers sharing the store. An expired lease (its holder died) can be taken over.</summary>
public sealed class LeaseStore
{
    private readonly StateStore _store;

    internal LeaseStore(StateStore store) => _store = store;

    /// <summary>Takes the lease or throws <see cref="LeaseHeldException"/> naming the holder.</summary>
    public Lease Acquire(string mapping, string owner, TimeSpan duration) => _store.InTransaction(() =>
    {
        var now = _store.UtcNow;
        var holder = Holder(mapping);
        if (holder is not null && holder.Owner != owner && holder.ExpiresAt > now)
            throw new LeaseHeldException(holder);
        using var command = _store.Command("""
            INSERT INTO leases(mapping, owner, acquired_at, expires_at) VALUES (@m, @o, @now, @exp)
            ON CONFLICT(mapping) DO UPDATE SET owner = excluded.owner, acquired_at = excluded.acquired_at, expires_at = excluded.expires_at
            """);
        command.With("@m", mapping).With("@o", owner).With("@now", StoreValues.Time(now)).With("@exp", StoreValues.Time(now + duration));
        command.ExecuteNonQuery();
        return new Lease(mapping, owner, now, now + duration);
    });

    /// <summary>Extends a lease this owner holds; throws when it was lost (expired and taken by someone else).</summary>
    public void Renew(Lease lease, TimeSpan duration)
    {
        var expires = _store.UtcNow + duration;
        using var command = _store.Command("UPDATE leases SET expires_at = @exp WHERE mapping = @m AND owner = @o");
        command.With("@exp", StoreValues.Time(expires)).With("@m", lease.Mapping).With("@o", lease.Owner);
        if (command.ExecuteNonQuery() == 0)
            throw new LeaseHeldException(Holder(lease.Mapping) ?? lease with { Owner = "(nobody)" });
    }

    public void Release(Lease lease)
    {
        using var command = _store.Command("DELETE FROM leases WHERE mapping = @m AND owner = @o");
        command.With("@m", lease.Mapping).With("@o", lease.Owner);
        command.ExecuteNonQuery();
    }

    public Lease? Holder(string mapping)
    {
        using var command = _store.Command("SELECT mapping, owner, acquired_at, expires_at FROM leases WHERE mapping = @m");
        command.With("@m", mapping);
        using var r = command.ExecuteReader();
        return r.Read()
            ? new Lease(r.GetString(0), r.GetString(1), StoreValues.ReadTime(r, 2)!.Value, StoreValues.ReadTime(r, 3)!.Value)
            : null;
    }
}

public sealed record Lease(string Mapping, string Owner, DateTime AcquiredAt, DateTime ExpiresAt);

public sealed class LeaseHeldException : Exception
{
    public LeaseHeldException(Lease holder)
        : base($"Mapping '{holder.Mapping}' is being synchronized by {holder.Owner} (since {holder.AcquiredAt:u}, lease until {holder.ExpiresAt:u}). " +
               "Wait for that run to finish, or use -Wait.") => Holder = holder;

    public Lease Holder { get; }
}
