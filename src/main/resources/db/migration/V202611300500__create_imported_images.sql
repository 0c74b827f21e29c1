-- Images brought over from another system (a WordPress attachment), by their identity there.
CREATE TABLE imported_images (
    origin   VARCHAR(500) PRIMARY KEY,
    image_id VARCHAR(16)  NOT NULL REFERENCES images (id)
);
