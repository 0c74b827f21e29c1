-- One row naming this database, made once by the first node that opens it. Derived views kept on a
-- node's disk (the search index) store it with their cursor, so they notice another database.
CREATE TABLE database_identity (
    id         VARCHAR(16) NOT NULL PRIMARY KEY,
    created_at BIGINT      NOT NULL
);
