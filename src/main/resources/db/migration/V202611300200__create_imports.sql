-- Stories brought over from another system (WordPress, Ghost): their identity there, and the story
-- version the import last wrote (a higher version means someone changed it in Dateline since).
CREATE TABLE imported_stories (
    origin          VARCHAR(500) PRIMARY KEY,
    article_id      VARCHAR(16)  NOT NULL REFERENCES articles (id),
    article_version INTEGER      NOT NULL,
    content_hash    VARCHAR(64)  NOT NULL
);
CREATE INDEX imported_stories_article ON imported_stories (article_id);

-- Addresses of the old site that answer 301 to what now lives at a Dateline address.
CREATE TABLE legacy_paths (
    path      VARCHAR(1000) PRIMARY KEY,
    kind      VARCHAR(10)   NOT NULL,
    target_id VARCHAR(16)   NOT NULL
);
