-- Official responses: a staff member's comment marked as the company's answer. Each idea records
-- when it first got one (an official comment or a status change with its note), set once and kept.
-- Status changes made before this migration count as the responses they were.
ALTER TABLE comments ADD COLUMN official BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE ideas ADD COLUMN first_response_at TIMESTAMP;
UPDATE ideas SET first_response_at = (
    SELECT MIN(c.created_at) FROM status_changes c
    WHERE c.idea_id = ideas.id AND c.actor_id IS NOT NULL
);
-- The triage inbox: live ideas still waiting for an answer, oldest first, on the whole board or
-- in one area.
CREATE INDEX ideas_unanswered ON ideas (created_at, id)
    WHERE first_response_at IS NULL AND merged_into_id IS NULL AND hidden_at IS NULL;
CREATE INDEX ideas_unanswered_area ON ideas (area_id, created_at, id)
    WHERE first_response_at IS NULL AND merged_into_id IS NULL AND hidden_at IS NULL;
