-- The CRM side of the demo (the "integration table" side), shaped like Dataverse: GUID keys, lower-case names.
-- It starts empty: the first synchronization creates the currencies and accounts.
CREATE TABLE transactioncurrency(
    transactioncurrencyid  TEXT PRIMARY KEY,
    isocurrencycode        TEXT,
    currencyname           TEXT,
    modifiedon             TEXT
);
CREATE TABLE account(
    accountid              GUID PRIMARY KEY,
    accountnumber          TEXT,
    name                   TEXT,
    emailaddress1          TEXT,
    telephone1             TEXT,
    transactioncurrencyid  TEXT,
    creditlimit            REAL,
    customertypecode       INTEGER,
    statecode              INTEGER NOT NULL DEFAULT 0,
    modifiedon             TEXT
);
CREATE INDEX ix_account_modified ON account(modifiedon, accountid);
CREATE INDEX ix_account_email ON account(emailaddress1);   -- matchOn looks accounts up by e-mail
