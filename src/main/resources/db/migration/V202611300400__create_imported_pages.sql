-- Static pages brought over from WordPress or Ghost, by their identity there, with the page's
-- modification time the import last wrote (a later one means someone changed it in Dateline since).
CREATE TABLE imported_pages (
    origin       VARCHAR(500) PRIMARY KEY,
    page_id      VARCHAR(16)  NOT NULL REFERENCES static_pages (id),
    updated_at   BIGINT       NOT NULL,
    content_hash VARCHAR(64)  NOT NULL
);
