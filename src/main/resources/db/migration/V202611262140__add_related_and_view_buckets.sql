-- The desk's own "Read more" picks for a story, in order.
CREATE TABLE article_related (
    article_id VARCHAR(16) NOT NULL REFERENCES articles (id),
    related_id VARCHAR(16) NOT NULL REFERENCES articles (id),
    position   INTEGER     NOT NULL,
    PRIMARY KEY (article_id, related_id)
);

-- Page views per story per five-minute bucket (bucket_start: epoch milliseconds). Anonymous counts
-- only: nothing here identifies a reader. Nodes add their counts with an upsert.
CREATE TABLE view_buckets (
    article_id   VARCHAR(16) NOT NULL,
    bucket_start BIGINT      NOT NULL,
    views        BIGINT      NOT NULL,
    PRIMARY KEY (article_id, bucket_start)
);
CREATE INDEX view_buckets_by_time ON view_buckets (bucket_start);
