-- Whether an official answer answered the people who asked: the idea's author and its voters
-- each say once, and may change their mind. The comment keeps the two counts, so the figures and
-- the inbox's "answer again" read official answers, not ratings.
CREATE TABLE answer_ratings (
    comment_id TEXT NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users (id),
    helpful BOOLEAN NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    PRIMARY KEY (comment_id, user_id)
);
ALTER TABLE comments ADD COLUMN helpful BIGINT NOT NULL DEFAULT 0;
ALTER TABLE comments ADD COLUMN unhelpful BIGINT NOT NULL DEFAULT 0;
CREATE INDEX comments_rated_answers ON comments (idea_id)
    WHERE official AND helpful + unhelpful > 0;
