using System.Data.Common;

namespace SyncAdmin.Engine.State;

/// <summary>A lease per mapping, so two runs of one mapping never interleave, on one machine or across runbook workers
/// sharing the store. Each run holds it by a token of its own, and renews, proves and releases it by that token only, so
/// two runs that look alike (same host name, same pid in two containers) are never taken for one. A lease is taken over
/// when it expired, or at once when its holder ran on this machine and is provably dead; the jobs a dead holder left
/// Running are then marked Interrupted.</summary>
public sealed class LeaseStore
{
    private readonly StateStore _store;

    internal LeaseStore(StateStore store) => _store = store;

    /// <summary>Takes the lease for a new run, or throws <see cref="LeaseHeldException"/> naming the holder.</summary>
    public Lease Acquire(string mapping, string owner, TimeSpan duration, ProcessIdentity? holder = null) => _store.InTransaction(() =>
    {
        holder ??= ProcessIdentity.Current;
        var now = _store.UtcNow;
        var lease = new Lease(mapping, owner, now, now + duration) { Token = Guid.NewGuid().ToString("N"), Holder = holder };
        var current = Holder(mapping);
        if (current is null)
        {
            using var insert = _store.Command("""
                INSERT INTO leases(mapping, owner, acquired_at, expires_at, token, holder_machine, holder_pid, holder_started)
                VALUES (@m, @o, @now, @exp, @t, @hm, @hp, @hs)
                """);
            Bind(insert, lease);
            try
            {
                insert.ExecuteNonQuery();
            }
            catch (DbException e) when (_store.Dialect.IsUniqueViolation(e))
            {
                throw new LeaseHeldException(Holder(mapping) ?? lease with { Owner = "another worker" });
            }
            return lease;
        }
        var dead = current.Holder?.IsProvablyDead() == true;
        if (current.ExpiresAt > now && !dead) throw new LeaseHeldException(current);

        // Taken over from an expired or dead holder: only if nobody else took it meanwhile (its token is still there).
        using var update = _store.Command("""
            UPDATE leases SET owner = @o, acquired_at = @now, expires_at = @exp, token = @t, holder_machine = @hm, holder_pid = @hp,
                holder_started = @hs
            WHERE mapping = @m AND (token = @old OR (token IS NULL AND @old IS NULL))
            """);
        Bind(update, lease);
        update.With("@old", current.Token);
        if (update.ExecuteNonQuery() == 0) throw new LeaseHeldException(Holder(mapping) ?? current);
        _store.Jobs.Interrupt(mapping, $"The run that held the mapping ({current.Owner}) stopped before this job ended " +
                                       $"({(dead ? "its process is gone" : "its lease expired")}); the next run finished or redid its work.");
        return lease;
    });

    /// <summary>Extends the lease and proves it is still this run's, inside the store transaction in progress: a run that
    /// lost it (it was paused past the expiry and another run took over) stops before it writes anything more.</summary>
    /// <exception cref="LeaseLostException">Another run holds the lease now, or nobody does.</exception>
    public void Renew(Lease lease, TimeSpan duration)
    {
        using var command = _store.Command("UPDATE leases SET expires_at = @exp WHERE mapping = @m AND token = @t");
        command.With("@exp", StoreValues.Time(_store.UtcNow + duration)).With("@m", lease.Mapping).With("@t", lease.Token);
        if (command.ExecuteNonQuery() == 0) throw new LeaseLostException(lease, Holder(lease.Mapping));
    }

    public void Release(Lease lease)
    {
        using var command = _store.Command("DELETE FROM leases WHERE mapping = @m AND token = @t");
        command.With("@m", lease.Mapping).With("@t", lease.Token);
        command.ExecuteNonQuery();
    }

    public Lease? Holder(string mapping)
    {
        using var command = _store.Command("""
            SELECT mapping, owner, acquired_at, expires_at, token, holder_machine, holder_pid, holder_started FROM leases WHERE mapping = @m
            """);
        command.With("@m", mapping);
        using var r = command.ExecuteReader();
        if (!r.Read()) return null;
        var machine = StoreValues.ReadString(r, 5);
        var pid = StoreValues.ReadLong(r, 6);
        var started = StoreValues.ReadTime(r, 7);
        return new Lease(r.GetString(0), r.GetString(1), StoreValues.ReadTime(r, 2)!.Value, StoreValues.ReadTime(r, 3)!.Value)
        {
            Token = StoreValues.ReadString(r, 4),
            Holder = machine is null || pid is null || started is null ? null : new ProcessIdentity(machine, (int)pid.Value, started.Value),
        };
    }

    private static void Bind(DbCommand command, Lease lease) =>
        command.With("@m", lease.Mapping).With("@o", lease.Owner).With("@now", StoreValues.Time(lease.AcquiredAt))
            .With("@exp", StoreValues.Time(lease.ExpiresAt)).With("@t", lease.Token).With("@hm", lease.Holder?.Machine)
            .With("@hp", lease.Holder?.ProcessId).With("@hs", lease.Holder is null ? null : StoreValues.Time(lease.Holder.StartedUtc));
}

/// <summary>A mapping's lease: who holds it (a run's owner text, for people), since and until when; the token and the
/// holding process identify the run.</summary>
public sealed record Lease(string Mapping, string Owner, DateTime AcquiredAt, DateTime ExpiresAt)
{
    public string? Token { get; init; }
    public ProcessIdentity? Holder { get; init; }

    public override string ToString() => $"{Owner}, since {AcquiredAt:u}, until {ExpiresAt:u}";
}

public sealed class LeaseHeldException : Exception
{
    public LeaseHeldException(Lease holder)
        : base($"Mapping '{holder.Mapping}' is being synchronized by {holder.Owner} (since {holder.AcquiredAt:u}, lease until {holder.ExpiresAt:u}). " +
               "Wait for that run to finish, or use -Wait.") => Holder = holder;

    public Lease Holder { get; }
}

/// <summary>A run found its lease gone before a write: it was paused past the expiry and another run took the mapping
/// over. It stops at once; the run that holds the lease finishes or redoes what it announced.</summary>
public sealed class LeaseLostException : Exception
{
    public LeaseLostException(Lease lost, Lease? holder)
        : base($"This run lost its lease on mapping '{lost.Mapping}' (it was paused past {lost.ExpiresAt:u}?): " +
               (holder is null ? "nobody holds it now" : $"{holder.Owner} holds it since {holder.AcquiredAt:u}") +
               ". It stopped before writing anything more; the run that holds the lease finishes or redoes its announced work.") { }
}
