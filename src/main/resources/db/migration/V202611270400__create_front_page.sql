-- The stories an editor chose to lead the front page, in order (position 0 is the lead story).
-- The rest of the front page is the latest published stories.
CREATE TABLE front_page (
    position   INTEGER      PRIMARY KEY,
    article_id VARCHAR(16)  NOT NULL UNIQUE REFERENCES articles (id)
);
