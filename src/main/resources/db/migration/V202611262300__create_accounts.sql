-- Newsroom accounts. Passwords are bcrypt hashes; roles: contributor, editor, admin.
CREATE TABLE users (
    id            VARCHAR(16)  PRIMARY KEY,
    email         VARCHAR(254) NOT NULL UNIQUE,
    name          VARCHAR(200) NOT NULL,
    role          VARCHAR(20)  NOT NULL,
    password_hash VARCHAR(100) NOT NULL,
    created_at    BIGINT       NOT NULL,
    disabled_at   BIGINT
);

-- Desk sessions, in the database so that any node can serve them. Only a hash of the token is kept.
CREATE TABLE sessions (
    token_hash VARCHAR(64) PRIMARY KEY,
    user_id    VARCHAR(16) NOT NULL REFERENCES users (id),
    csrf_token VARCHAR(64) NOT NULL,
    created_at BIGINT      NOT NULL,
    expires_at BIGINT      NOT NULL
);
CREATE INDEX sessions_by_user ON sessions (user_id);
