-- Site-wide settings an admin edits (follow links …). One row per setting.
CREATE TABLE site_settings (
    name  VARCHAR(100) PRIMARY KEY,
    value TEXT         NOT NULL
);
