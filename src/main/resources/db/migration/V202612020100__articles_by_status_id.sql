-- Walking the published stories in id order (search index builds, rebuilds of derived views) reads
-- each batch from here instead of sorting every published story again for each batch.
CREATE INDEX articles_by_status_id ON articles (status, id);
