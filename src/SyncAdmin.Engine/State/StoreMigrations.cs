using System.Data.Common;

namespace SyncAdmin.Engine.State;

/// <summary>The store's schema, as an ordered list of migrations. A store records the version it reached; opening an
/// older store applies the missing steps in place, a newer one is refused so an old SyncAdmin never damages it.</summary>
internal static class StoreMigrations
{
    public static readonly IReadOnlyList<string> Sqlite = new[]
    {
        // 1: mappings, couplings, jobs, errors.
        """
        CREATE TABLE connections(
            name TEXT PRIMARY KEY COLLATE NOCASE,
            provider TEXT NOT NULL,
            connection_string TEXT NOT NULL);
        CREATE TABLE mappings(
            name TEXT PRIMARY KEY COLLATE NOCASE,
            definition TEXT NOT NULL,
            source_file TEXT,
            imported_at TEXT NOT NULL,
            local_watermark TEXT,
            integration_watermark TEXT);
        CREATE TABLE couplings(
            id INTEGER PRIMARY KEY,
            mapping TEXT NOT NULL,
            local_key TEXT,
            integration_key TEXT,
            local_base TEXT,
            integration_base TEXT,
            local_stamp TEXT,
            integration_stamp TEXT,
            to_result INTEGER NOT NULL DEFAULT 0,
            to_job INTEGER,
            to_message TEXT,
            to_time TEXT,
            from_result INTEGER NOT NULL DEFAULT 0,
            from_job INTEGER,
            from_message TEXT,
            from_time TEXT,
            failure_count INTEGER NOT NULL DEFAULT 0,
            skipped INTEGER NOT NULL DEFAULT 0,
            skip_reason TEXT,
            skipped_at TEXT,
            pending TEXT,
            created_at TEXT NOT NULL,
            synced_at TEXT);
        CREATE UNIQUE INDEX ux_couplings_local ON couplings(mapping, local_key) WHERE local_key IS NOT NULL;
        CREATE UNIQUE INDEX ux_couplings_integration ON couplings(mapping, integration_key) WHERE integration_key IS NOT NULL;
        CREATE INDEX ix_couplings_to_retry ON couplings(mapping, id) WHERE to_result >= 2 AND skipped = 0;
        CREATE INDEX ix_couplings_from_retry ON couplings(mapping, id) WHERE from_result >= 2 AND skipped = 0;
        CREATE INDEX ix_couplings_skipped ON couplings(mapping, id) WHERE skipped = 1;
        CREATE INDEX ix_couplings_pending ON couplings(mapping, id) WHERE pending IS NOT NULL;
        CREATE TABLE jobs(
            id INTEGER PRIMARY KEY,
            mapping TEXT NOT NULL,
            direction TEXT NOT NULL,
            kind TEXT NOT NULL,
            status TEXT NOT NULL,
            started_at TEXT NOT NULL,
            finished_at TEXT,
            inserted INTEGER NOT NULL DEFAULT 0,
            modified INTEGER NOT NULL DEFAULT 0,
            deleted INTEGER NOT NULL DEFAULT 0,
            unchanged INTEGER NOT NULL DEFAULT 0,
            skipped INTEGER NOT NULL DEFAULT 0,
            failed INTEGER NOT NULL DEFAULT 0,
            coupled INTEGER NOT NULL DEFAULT 0,
            uncoupled INTEGER NOT NULL DEFAULT 0,
            message TEXT);
        CREATE INDEX ix_jobs_mapping ON jobs(mapping, id);
        CREATE INDEX ix_jobs_started ON jobs(started_at);
        CREATE TABLE errors(
            id INTEGER PRIMARY KEY,
            job_id INTEGER,
            mapping TEXT NOT NULL,
            direction TEXT NOT NULL,
            source_table TEXT,
            source_key TEXT,
            destination_table TEXT,
            destination_key TEXT,
            message TEXT NOT NULL,
            detail TEXT,
            created_at TEXT NOT NULL);
        CREATE INDEX ix_errors_created ON errors(created_at);
        CREATE INDEX ix_errors_mapping ON errors(mapping, id);
        CREATE INDEX ix_errors_job ON errors(job_id);
        """,
        // 2: one lease per mapping, so two runs of a mapping never interleave.
        """
        CREATE TABLE leases(
            mapping TEXT PRIMARY KEY COLLATE NOCASE,
            owner TEXT NOT NULL,
            acquired_at TEXT NOT NULL,
            expires_at TEXT NOT NULL);
        """,
        // 3: a lease is held by one run (its token) of one process (machine identity, pid, start time: a dead holder is
        // recognised); an intent names the job that announced it (a late run never clears another's); errors say whether
        // a user can fix them (Record) or the admin must (Setup).
        """
        ALTER TABLE leases ADD COLUMN token TEXT;
        ALTER TABLE leases ADD COLUMN holder_machine TEXT;
        ALTER TABLE leases ADD COLUMN holder_pid INTEGER;
        ALTER TABLE leases ADD COLUMN holder_started TEXT;
        ALTER TABLE couplings ADD COLUMN pending_job INTEGER;
        ALTER TABLE errors ADD COLUMN category TEXT NOT NULL DEFAULT 'Record';
        """,
        // 4: write intents in a table of their own: announcing and confirming a write no longer rewrites (and grows) the
        // coupling row; a first insert's row is written once, as confirming makes it (confirmed_row = 1).
        """
        CREATE TABLE intents(
            coupling_id INTEGER PRIMARY KEY,
            job INTEGER,
            intent TEXT NOT NULL,
            confirmed_row INTEGER NOT NULL DEFAULT 0);
        INSERT INTO intents(coupling_id, job, intent) SELECT id, pending_job, pending FROM couplings WHERE pending IS NOT NULL;
        UPDATE couplings SET pending = NULL, pending_job = NULL WHERE pending IS NOT NULL;
        DROP INDEX ix_couplings_pending;
        """,
    };

    public static readonly IReadOnlyList<string> SqlServer = new[]
    {
        // 1: the same tables; indexed text gets a bounded length, NVARCHAR(MAX) only for what is never indexed.
        """
        CREATE TABLE connections(
            name NVARCHAR(128) NOT NULL PRIMARY KEY,
            provider NVARCHAR(32) NOT NULL,
            connection_string NVARCHAR(MAX) NOT NULL);
        CREATE TABLE mappings(
            name NVARCHAR(128) NOT NULL PRIMARY KEY,
            definition NVARCHAR(MAX) NOT NULL,
            source_file NVARCHAR(1024) NULL,
            imported_at NVARCHAR(28) NOT NULL,
            local_watermark NVARCHAR(28) NULL,
            integration_watermark NVARCHAR(28) NULL);
        CREATE TABLE couplings(
            id BIGINT IDENTITY(1,1) NOT NULL PRIMARY KEY,
            mapping NVARCHAR(128) NOT NULL,
            local_key NVARCHAR(400) NULL,
            integration_key NVARCHAR(400) NULL,
            local_base NVARCHAR(MAX) NULL,
            integration_base NVARCHAR(MAX) NULL,
            local_stamp NVARCHAR(28) NULL,
            integration_stamp NVARCHAR(28) NULL,
            to_result INT NOT NULL DEFAULT 0,
            to_job BIGINT NULL,
            to_message NVARCHAR(MAX) NULL,
            to_time NVARCHAR(28) NULL,
            from_result INT NOT NULL DEFAULT 0,
            from_job BIGINT NULL,
            from_message NVARCHAR(MAX) NULL,
            from_time NVARCHAR(28) NULL,
            failure_count INT NOT NULL DEFAULT 0,
            skipped INT NOT NULL DEFAULT 0,
            skip_reason NVARCHAR(MAX) NULL,
            skipped_at NVARCHAR(28) NULL,
            pending NVARCHAR(400) NULL,
            created_at NVARCHAR(28) NOT NULL,
            synced_at NVARCHAR(28) NULL);
        CREATE UNIQUE INDEX ux_couplings_local ON couplings(mapping, local_key) WHERE local_key IS NOT NULL;
        CREATE UNIQUE INDEX ux_couplings_integration ON couplings(mapping, integration_key) WHERE integration_key IS NOT NULL;
        CREATE INDEX ix_couplings_to_retry ON couplings(mapping, id) WHERE to_result >= 2 AND skipped = 0;
        CREATE INDEX ix_couplings_from_retry ON couplings(mapping, id) WHERE from_result >= 2 AND skipped = 0;
        CREATE INDEX ix_couplings_skipped ON couplings(mapping, id) WHERE skipped = 1;
        CREATE INDEX ix_couplings_pending ON couplings(mapping, id) WHERE pending IS NOT NULL;
        CREATE TABLE jobs(
            id BIGINT IDENTITY(1,1) NOT NULL PRIMARY KEY,
            mapping NVARCHAR(128) NOT NULL,
            direction NVARCHAR(32) NOT NULL,
            kind NVARCHAR(32) NOT NULL,
            status NVARCHAR(32) NOT NULL,
            started_at NVARCHAR(28) NOT NULL,
            finished_at NVARCHAR(28) NULL,
            inserted INT NOT NULL DEFAULT 0,
            modified INT NOT NULL DEFAULT 0,
            deleted INT NOT NULL DEFAULT 0,
            unchanged INT NOT NULL DEFAULT 0,
            skipped INT NOT NULL DEFAULT 0,
            failed INT NOT NULL DEFAULT 0,
            coupled INT NOT NULL DEFAULT 0,
            uncoupled INT NOT NULL DEFAULT 0,
            message NVARCHAR(MAX) NULL);
        CREATE INDEX ix_jobs_mapping ON jobs(mapping, id);
        CREATE INDEX ix_jobs_started ON jobs(started_at);
        CREATE TABLE errors(
            id BIGINT IDENTITY(1,1) NOT NULL PRIMARY KEY,
            job_id BIGINT NULL,
            mapping NVARCHAR(128) NOT NULL,
            direction NVARCHAR(32) NOT NULL,
            source_table NVARCHAR(256) NULL,
            source_key NVARCHAR(400) NULL,
            destination_table NVARCHAR(256) NULL,
            destination_key NVARCHAR(400) NULL,
            message NVARCHAR(MAX) NOT NULL,
            detail NVARCHAR(MAX) NULL,
            created_at NVARCHAR(28) NOT NULL);
        CREATE INDEX ix_errors_created ON errors(created_at);
        CREATE INDEX ix_errors_mapping ON errors(mapping, id);
        CREATE INDEX ix_errors_job ON errors(job_id);
        """,
        // 2: leases.
        """
        CREATE TABLE leases(
            mapping NVARCHAR(128) NOT NULL PRIMARY KEY,
            owner NVARCHAR(400) NOT NULL,
            acquired_at NVARCHAR(28) NOT NULL,
            expires_at NVARCHAR(28) NOT NULL);
        """,
        // 3: lease tokens and holders, the job of an intent, error categories.
        """
        ALTER TABLE leases ADD token NVARCHAR(64) NULL, holder_machine NVARCHAR(400) NULL, holder_pid INT NULL, holder_started NVARCHAR(28) NULL;
        ALTER TABLE couplings ADD pending_job BIGINT NULL;
        ALTER TABLE errors ADD category NVARCHAR(16) NOT NULL CONSTRAINT df_errors_category DEFAULT 'Record';
        """,
        // 4: write intents in a table of their own (the column they had was too short for an update's announced values).
        """
        CREATE TABLE intents(
            coupling_id BIGINT NOT NULL PRIMARY KEY,
            job BIGINT NULL,
            intent NVARCHAR(MAX) NOT NULL,
            confirmed_row INT NOT NULL CONSTRAINT df_intents_confirmed_row DEFAULT 0);
        INSERT INTO intents(coupling_id, job, intent) SELECT id, pending_job, pending FROM couplings WHERE pending IS NOT NULL;
        UPDATE couplings SET pending = NULL, pending_job = NULL WHERE pending IS NOT NULL;
        DROP INDEX ix_couplings_pending ON couplings;
        """,
    };

    public static int LatestVersion => Sqlite.Count;

    public static int CurrentVersion(DbConnection connection, StoreDialect dialect, DbTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = dialect.VersionTableExists;
        if (Convert.ToInt64(command.ExecuteScalar()) == 0) return 0;
        command.CommandText = "SELECT version FROM store_version";
        return Convert.ToInt32(command.ExecuteScalar() ?? 0);
    }

    /// <summary>Brings the store to <paramref name="target"/> (the latest by default), one transaction per step.</summary>
    public static void Apply(DbConnection connection, StoreDialect dialect, string storeName, int? target = null)
    {
        var goal = target ?? LatestVersion;
        var version = CurrentVersion(connection, dialect);
        if (version > LatestVersion)
            throw new StoreVersionException(
                $"The {storeName} has schema version {version}, newer than this SyncAdmin understands ({LatestVersion}). Upgrade SyncAdmin to use it.");
        for (var step = version; step < goal; step++)
        {
            using var transaction = connection.BeginTransaction();
            // Another process may have migrated in the meantime; the version read inside the transaction decides.
            if (CurrentVersion(connection, dialect, transaction) > step) continue;
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = dialect.Migrations[step] + (step == 0
                ? "\nCREATE TABLE store_version(version INT NOT NULL); INSERT INTO store_version VALUES (1);"
                : $"\nUPDATE store_version SET version = {step + 1};");
            command.ExecuteNonQuery();
            transaction.Commit();
        }
    }
}

public sealed class StoreVersionException : Exception
{
    public StoreVersionException(string message) : base(message) { }
}
