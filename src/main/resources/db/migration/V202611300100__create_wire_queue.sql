-- Agency copy: where it comes from (sources), what came (items, with every version received), what was
-- refused, and which stories were made from which item. Written by the ingest package only; stories
-- made from items are still written by the content service.
CREATE TABLE wire_sources (
    id               VARCHAR(16)  PRIMARY KEY,
    name             VARCHAR(100) NOT NULL UNIQUE,
    kind             VARCHAR(10)  NOT NULL,
    url              TEXT,
    path             TEXT,
    every_seconds    INTEGER      NOT NULL,
    header           TEXT,
    format           VARCHAR(20)  NOT NULL,
    agency           VARCHAR(200) NOT NULL,
    section_id       VARCHAR(16)  REFERENCES sections (id),
    auto_publish     INTEGER      NOT NULL,
    enabled          INTEGER      NOT NULL,
    created_at       BIGINT       NOT NULL,
    next_poll_at     BIGINT       NOT NULL,
    failures         INTEGER      NOT NULL,
    last_error       TEXT,
    last_error_at    BIGINT,
    last_success_at  BIGINT,
    etag             TEXT,
    last_modified    TEXT,
    received         BIGINT       NOT NULL,
    refused          BIGINT       NOT NULL
);

CREATE TABLE wire_items (
    id              VARCHAR(16)  PRIMARY KEY,
    source_id       VARCHAR(16)  NOT NULL REFERENCES wire_sources (id),
    guid            VARCHAR(500) NOT NULL,
    version         INTEGER      NOT NULL,
    content_hash    VARCHAR(64)  NOT NULL,
    format          VARCHAR(20)  NOT NULL,
    item_type       VARCHAR(20)  NOT NULL,
    headline        TEXT         NOT NULL,
    slugline        TEXT         NOT NULL,
    byline          TEXT         NOT NULL,
    dateline        TEXT         NOT NULL,
    language        VARCHAR(35)  NOT NULL,
    urgency         INTEGER,
    pub_status      VARCHAR(10)  NOT NULL,
    embargo_until   BIGINT,
    version_created BIGINT,
    first_created   BIGINT,
    document        TEXT         NOT NULL,
    search_text     TEXT         NOT NULL,
    subjects        TEXT         NOT NULL,
    first_received  BIGINT       NOT NULL,
    received_at     BIGINT       NOT NULL,
    ignored         INTEGER      NOT NULL,
    UNIQUE (source_id, guid)
);
CREATE INDEX wire_items_received ON wire_items (received_at, id);

CREATE TABLE wire_versions (
    item_id     VARCHAR(16) NOT NULL REFERENCES wire_items (id),
    version     INTEGER     NOT NULL,
    received_at BIGINT      NOT NULL,
    document    TEXT        NOT NULL,
    PRIMARY KEY (item_id, version)
);

CREATE TABLE wire_refusals (
    id        ${id_pk},
    source_id VARCHAR(16)  NOT NULL REFERENCES wire_sources (id),
    at        BIGINT       NOT NULL,
    name      TEXT         NOT NULL,
    reason    TEXT         NOT NULL
);
CREATE INDEX wire_refusals_source ON wire_refusals (source_id, id);

-- A story made from an item: the item's version it shows, and the story's version right after the
-- wire last wrote it (a higher story version means someone edited it in the desk since).
CREATE TABLE wire_stories (
    item_id         VARCHAR(16) NOT NULL REFERENCES wire_items (id),
    article_id      VARCHAR(16) NOT NULL REFERENCES articles (id),
    item_version    INTEGER     NOT NULL,
    article_version INTEGER     NOT NULL,
    automatic       INTEGER     NOT NULL,
    made_at         BIGINT      NOT NULL,
    PRIMARY KEY (item_id, article_id)
);
CREATE INDEX wire_stories_article ON wire_stories (article_id);

-- Content: a story made from embargoed copy cannot be published before the embargo lifts.
CREATE TABLE article_embargoes (
    article_id VARCHAR(16) PRIMARY KEY REFERENCES articles (id),
    until_at   BIGINT      NOT NULL
);

-- API keys have a scope: reading content, or pushing copy to one wire source.
ALTER TABLE api_keys ADD COLUMN scope VARCHAR(40) NOT NULL DEFAULT 'content';
