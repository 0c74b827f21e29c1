-- About, Contact, Corrections policy, Privacy, Terms: pages beside the news, at /{slug}, listed in the
-- footer in the order editors choose. A page's slug can never be a section's (both live at /{slug}).
CREATE TABLE static_pages (
    id         VARCHAR(16)  PRIMARY KEY,
    slug       VARCHAR(200) NOT NULL UNIQUE,
    title      VARCHAR(300) NOT NULL,
    body_html  TEXT         NOT NULL,
    published  INTEGER      NOT NULL,
    position   INTEGER      NOT NULL,
    created_at BIGINT       NOT NULL,
    updated_at BIGINT       NOT NULL
);
