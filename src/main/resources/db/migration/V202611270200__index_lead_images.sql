-- The image library shows where an image is used, and describing an image refreshes the stories
-- that lead with it.
CREATE INDEX articles_lead_image ON articles (lead_image_id);
