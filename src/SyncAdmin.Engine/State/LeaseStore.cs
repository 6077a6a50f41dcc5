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
        var expires = now + duration;
        // Take over the lease if it is ours or expired, in one statement so two workers cannot both succeed.
        using var update = _store.Command("""
            UPDATE leases SET owner = @o, acquired_at = @now, expires_at = @exp
            WHERE mapping = @m AND (owner = @o OR expires_at <= @now)
            """);
        update.With("@m", mapping).With("@o", owner).With("@now", StoreValues.Time(now)).With("@exp", StoreValues.Time(expires));
        if (update.ExecuteNonQuery() == 0)
        {
            if (Holder(mapping) is { } holder) throw new LeaseHeldException(holder);
            using var insert = _store.Command("INSERT INTO leases(mapping, owner, acquired_at, expires_at) VALUES (@m, @o, @now, @exp)");
            insert.With("@m", mapping).With("@o", owner).With("@now", StoreValues.Time(now)).With("@exp", StoreValues.Time(expires));
            try
            {
                insert.ExecuteNonQuery();
            }
            catch (System.Data.Common.DbException e) when (_store.Dialect.IsUniqueViolation(e))
            {
                throw new LeaseHeldException(Holder(mapping) ?? new Lease(mapping, "another worker", now, expires));
            }
        }
        return new Lease(mapping, owner, now, expires);
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
