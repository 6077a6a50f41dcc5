-- The ERP side of the demo (the "table" side of the mappings): currencies and customers, as an ERP keeps them.
-- LastModifiedAt is ISO-8601 UTC text; the application stamps it on every change.
CREATE TABLE Currency(
    Code            TEXT PRIMARY KEY,
    Description     TEXT NOT NULL,
    LastModifiedAt  TEXT NOT NULL
);
CREATE TABLE Customer(
    No              TEXT PRIMARY KEY,
    Name            TEXT NOT NULL,
    Email           TEXT,
    Phone           TEXT,
    CurrencyCode    TEXT,
    CreditLimit     REAL,
    Blocked         INTEGER NOT NULL DEFAULT 0,
    LastModifiedAt  TEXT NOT NULL
);
CREATE INDEX ix_customer_modified ON Customer(LastModifiedAt, No);

INSERT INTO Currency VALUES
    ('EUR', 'Euro',      strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    ('USD', 'US Dollar', strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));

INSERT INTO Customer(No, Name, Email, Phone, CurrencyCode, CreditLimit, Blocked, LastModifiedAt) VALUES
    ('10000', 'Adatum Corporation',    'info@adatum.example',       '555-0100', 'EUR', 5000,  0, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    ('20000', 'Trey Research',         'hello@treyresearch.example', '555-0200', 'USD', 10000, 0, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    ('30000', 'School of Fine Art',    'office@fineart.example',    '555-0300', 'EUR', 2500,  0, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
    ('40000', 'Alpine Ski House',      'ski@alpine.example',        '555-0400', NULL,  0,     1, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
