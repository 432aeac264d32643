DROP TRIGGER release_note_ideas_content ON release_note_ideas;
DROP TRIGGER release_notes_content ON release_notes;
ALTER TABLE notification_preferences DROP COLUMN releases;
DROP TABLE release_note_ideas;
DROP TABLE release_notes;
