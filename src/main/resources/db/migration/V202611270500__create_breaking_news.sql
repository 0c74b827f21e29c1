-- The breaking-news strip over every page: at most one line (id 1), linking to a published story.
CREATE TABLE breaking_news (
    id         INTEGER      PRIMARY KEY,
    text       TEXT         NOT NULL,
    article_id VARCHAR(16)  NOT NULL REFERENCES articles (id),
    set_at     BIGINT       NOT NULL
);
