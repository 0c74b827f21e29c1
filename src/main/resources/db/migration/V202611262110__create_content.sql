-- Dateline's content schema. Times are UTC instants stored as epoch milliseconds (BIGINT), the
-- one representation SQLite and PostgreSQL share exactly. Ids are made by the application.

CREATE TABLE sections (
    id          VARCHAR(16)  PRIMARY KEY,
    slug        VARCHAR(100) NOT NULL UNIQUE,
    name        VARCHAR(200) NOT NULL,
    description TEXT         NOT NULL DEFAULT '',
    position    INTEGER      NOT NULL DEFAULT 0
);

CREATE TABLE authors (
    id        VARCHAR(16)  PRIMARY KEY,
    slug      VARCHAR(100) NOT NULL UNIQUE,
    name      VARCHAR(200) NOT NULL,
    job_title VARCHAR(200) NOT NULL DEFAULT '',
    bio       TEXT         NOT NULL DEFAULT ''
);

CREATE TABLE tags (
    id   VARCHAR(16)  PRIMARY KEY,
    slug VARCHAR(100) NOT NULL UNIQUE,
    name VARCHAR(200) NOT NULL
);

CREATE TABLE images (
    id           VARCHAR(16)  PRIMARY KEY,
    content_type VARCHAR(50)  NOT NULL,
    width        INTEGER      NOT NULL,
    height       INTEGER      NOT NULL,
    alt_text     TEXT         NOT NULL,
    caption      TEXT         NOT NULL DEFAULT '',
    credit       VARCHAR(300) NOT NULL DEFAULT '',
    data         ${blob}      NOT NULL,
    created_at   BIGINT       NOT NULL
);

CREATE TABLE articles (
    id                 VARCHAR(16)  PRIMARY KEY,
    slug               VARCHAR(200) NOT NULL UNIQUE,
    headline           TEXT         NOT NULL,
    standfirst         TEXT         NOT NULL DEFAULT '',
    body_html          TEXT         NOT NULL DEFAULT '',
    dateline_place     VARCHAR(200) NOT NULL DEFAULT '',
    section_id         VARCHAR(16)  NOT NULL REFERENCES sections (id),
    lead_image_id      VARCHAR(16)  REFERENCES images (id),
    language           VARCHAR(20)  NOT NULL DEFAULT 'en',
    source             VARCHAR(200) NOT NULL DEFAULT 'staff',
    status             VARCHAR(20)  NOT NULL,
    version            INTEGER      NOT NULL,
    created_at         BIGINT       NOT NULL,
    modified_at        BIGINT       NOT NULL,
    first_published_at BIGINT,
    updated_at         BIGINT,
    scheduled_at       BIGINT
);
CREATE INDEX articles_by_status_time ON articles (status, first_published_at);
CREATE INDEX articles_by_section_time ON articles (section_id, status, first_published_at);

CREATE TABLE article_authors (
    article_id VARCHAR(16) NOT NULL REFERENCES articles (id),
    author_id  VARCHAR(16) NOT NULL REFERENCES authors (id),
    position   INTEGER     NOT NULL,
    PRIMARY KEY (article_id, author_id)
);
CREATE INDEX article_authors_by_author ON article_authors (author_id);

CREATE TABLE article_tags (
    article_id VARCHAR(16) NOT NULL REFERENCES articles (id),
    tag_id     VARCHAR(16) NOT NULL REFERENCES tags (id),
    position   INTEGER     NOT NULL,
    PRIMARY KEY (article_id, tag_id)
);
CREATE INDEX article_tags_by_tag ON article_tags (tag_id);

-- Public correction notes: shown on the article page with their times.
CREATE TABLE corrections (
    id         VARCHAR(16) PRIMARY KEY,
    article_id VARCHAR(16) NOT NULL REFERENCES articles (id),
    note       TEXT        NOT NULL,
    created_at BIGINT      NOT NULL
);
CREATE INDEX corrections_by_article ON corrections (article_id, created_at);

-- Every slug an article was once published under, so old links answer 301.
CREATE TABLE slug_redirects (
    slug       VARCHAR(200) PRIMARY KEY,
    article_id VARCHAR(16)  NOT NULL REFERENCES articles (id)
);

-- One row for every saved state of an article: a JSON snapshot of all its fields.
CREATE TABLE revisions (
    id         ${id_pk},
    article_id VARCHAR(16) NOT NULL REFERENCES articles (id),
    version    INTEGER     NOT NULL,
    created_at BIGINT      NOT NULL,
    actor      VARCHAR(200) NOT NULL,
    action     VARCHAR(40) NOT NULL,
    snapshot   TEXT        NOT NULL,
    UNIQUE (article_id, version)
);

-- The append-only log every derived view follows. keys: space-separated surrogate keys touched.
CREATE TABLE content_events (
    id         ${id_pk},
    created_at BIGINT       NOT NULL,
    type       VARCHAR(40)  NOT NULL,
    subject_id VARCHAR(16),
    keys       TEXT         NOT NULL
);

-- Where each shared consumer of the event log has got to.
CREATE TABLE consumer_cursors (
    consumer      VARCHAR(100) PRIMARY KEY,
    last_event_id BIGINT       NOT NULL
);
