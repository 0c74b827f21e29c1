-- Endpoints that want to hear of publishes, updates, corrections and unpublishes.
CREATE TABLE webhooks (
    id          VARCHAR(16)  PRIMARY KEY,
    url         TEXT         NOT NULL,
    secret      VARCHAR(100) NOT NULL,
    events      VARCHAR(200) NOT NULL,
    created_at  BIGINT       NOT NULL,
    disabled_at BIGINT
);

-- One row per event per endpoint: kept until delivered, retried with backoff, and kept after as the log.
CREATE TABLE webhook_deliveries (
    id              ${id_pk},
    webhook_id      VARCHAR(16) NOT NULL REFERENCES webhooks (id),
    event_id        BIGINT      NOT NULL,
    event_type      VARCHAR(40) NOT NULL,
    payload         TEXT        NOT NULL,
    attempts        INTEGER     NOT NULL,
    next_attempt_at BIGINT,
    delivered_at    BIGINT,
    last_status     INTEGER,
    last_error      TEXT,
    created_at      BIGINT      NOT NULL,
    UNIQUE (webhook_id, event_id)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (delivered_at, next_attempt_at);
