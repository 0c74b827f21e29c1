-- Keys for the read-only content API. Only a SHA-256 hash of each key is kept.
CREATE TABLE api_keys (
    id         VARCHAR(16)  PRIMARY KEY,
    name       VARCHAR(200) NOT NULL,
    key_hash   VARCHAR(64)  NOT NULL UNIQUE,
    created_at BIGINT       NOT NULL,
    revoked_at BIGINT
);
