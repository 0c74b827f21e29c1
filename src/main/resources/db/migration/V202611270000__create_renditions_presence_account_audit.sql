-- Renditions of each image, made when it is stored: widths for srcset (w480, w800…) and the 16:9,
-- 4:3 and 1:1 crops for structured data. Derived from images.data, so archives leave them out.
CREATE TABLE image_renditions (
    image_id VARCHAR(16) NOT NULL REFERENCES images (id),
    name     VARCHAR(16) NOT NULL,
    width    INTEGER     NOT NULL,
    height   INTEGER     NOT NULL,
    data     ${blob}     NOT NULL,
    PRIMARY KEY (image_id, name)
);

-- Who has a story open in the desk, refreshed by the editor page while it stays open.
CREATE TABLE story_presence (
    article_id VARCHAR(16) NOT NULL,
    user_id    VARCHAR(16) NOT NULL REFERENCES users (id),
    seen_at    BIGINT      NOT NULL,
    PRIMARY KEY (article_id, user_id)
);

-- Account changes for the audit log: who created, re-roled, disabled or enabled which account.
CREATE TABLE account_audit (
    id       ${id_pk},
    at       BIGINT       NOT NULL,
    actor    VARCHAR(254) NOT NULL,
    action   VARCHAR(30)  NOT NULL,
    subject  VARCHAR(254) NOT NULL,
    detail   VARCHAR(300) NOT NULL DEFAULT ''
);
