-- A word from the desk with a workflow step: why an editor sent a story back to its writer.
ALTER TABLE revisions ADD COLUMN note TEXT NOT NULL DEFAULT '';
