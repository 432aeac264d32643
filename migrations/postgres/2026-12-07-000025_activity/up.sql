-- Community activity and sentiment kept by triggers, so the insights read a few rows per day or
-- week instead of the ideas, votes and comments.
--
-- activity_days: per day (UTC, 'YYYY-MM-DD') the ideas, votes, comments and accounts created that
-- day (rows as they stand: a withdrawn vote no longer counts). PostgreSQL spreads each day over 16
-- rows (`shard`, the writing backend's) so concurrent voters do not queue on one row; SQLite
-- writes shard 0. member_weeks: per week (its Monday) and person, how many of their ideas, votes
-- and comments were created that week; a row exists only while that is above zero.
-- activity_weeks: per week the people with a member_weeks row (the active members), kept by
-- member_weeks' own triggers. sentiment_days: per day and area ('' for none) the live ideas
-- (not merged, not hidden) and the comments (not deleted, not hidden; in their idea's area) by
-- sentiment label.
CREATE TABLE activity_days (
    day TEXT NOT NULL,
    shard BIGINT NOT NULL,
    ideas BIGINT NOT NULL DEFAULT 0,
    votes BIGINT NOT NULL DEFAULT 0,
    comments BIGINT NOT NULL DEFAULT 0,
    accounts BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (day, shard)
);
CREATE TABLE member_weeks (
    week TEXT NOT NULL,
    user_id TEXT NOT NULL,
    acts BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (week, user_id)
);
CREATE TABLE activity_weeks (
    week TEXT NOT NULL,
    shard BIGINT NOT NULL,
    members BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (week, shard)
);
CREATE TABLE sentiment_days (
    day TEXT NOT NULL,
    area_key TEXT NOT NULL,
    negative BIGINT NOT NULL DEFAULT 0,
    neutral BIGINT NOT NULL DEFAULT 0,
    positive BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (day, area_key)
);
CREATE FUNCTION activity_week(at TIMESTAMP) RETURNS TEXT
LANGUAGE sql IMMUTABLE AS $$ SELECT to_char(date_trunc('week', at), 'YYYY-MM-DD') $$;
-- The rows as they stand now (the sentiment is scored after the migrations, by the program).
INSERT INTO activity_days (day, shard, ideas, votes, comments, accounts)
SELECT day, 0, SUM(ideas), SUM(votes), SUM(comments), SUM(accounts) FROM (
    SELECT to_char(created_at, 'YYYY-MM-DD') AS day, COUNT(*) AS ideas, 0 AS votes, 0 AS comments, 0 AS accounts FROM ideas GROUP BY 1
    UNION ALL SELECT to_char(created_at, 'YYYY-MM-DD'), 0, COUNT(*), 0, 0 FROM votes GROUP BY 1
    UNION ALL SELECT to_char(created_at, 'YYYY-MM-DD'), 0, 0, COUNT(*), 0 FROM comments GROUP BY 1
    UNION ALL SELECT to_char(created_at, 'YYYY-MM-DD'), 0, 0, 0, COUNT(*) FROM users GROUP BY 1
) AS events GROUP BY day;
INSERT INTO member_weeks (week, user_id, acts)
SELECT week, user_id, COUNT(*) FROM (
    SELECT activity_week(created_at) AS week, author_id AS user_id FROM ideas
    UNION ALL SELECT activity_week(created_at), user_id FROM votes
    UNION ALL SELECT activity_week(created_at), author_id FROM comments
) AS acts GROUP BY week, user_id;
INSERT INTO activity_weeks (week, shard, members) SELECT week, 0, COUNT(*) FROM member_weeks GROUP BY week;
INSERT INTO sentiment_days (day, area_key, negative, neutral, positive)
SELECT day, area_key, SUM(negative), SUM(neutral), SUM(positive) FROM (
    SELECT to_char(created_at, 'YYYY-MM-DD') AS day, COALESCE(area_id, '') AS area_key,
           CASE WHEN sentiment_label = 'negative' THEN 1 ELSE 0 END AS negative,
           CASE WHEN sentiment_label = 'neutral' THEN 1 ELSE 0 END AS neutral,
           CASE WHEN sentiment_label = 'positive' THEN 1 ELSE 0 END AS positive
    FROM ideas WHERE sentiment_label IS NOT NULL AND merged_into_id IS NULL AND hidden_at IS NULL
    UNION ALL
    SELECT to_char(c.created_at, 'YYYY-MM-DD'), COALESCE(i.area_id, ''),
           CASE WHEN c.sentiment_label = 'negative' THEN 1 ELSE 0 END,
           CASE WHEN c.sentiment_label = 'neutral' THEN 1 ELSE 0 END,
           CASE WHEN c.sentiment_label = 'positive' THEN 1 ELSE 0 END
    FROM comments c JOIN ideas i ON i.id = c.idea_id
    WHERE c.sentiment_label IS NOT NULL AND c.deleted_at IS NULL AND c.hidden_at IS NULL
) AS scored GROUP BY day, area_key;

-- Adds (sign 1) or takes away (sign -1) one row's part of the activity: one of the counts, and
-- for an idea, vote or comment its author's act in that week.
CREATE FUNCTION activity_add(p_at TIMESTAMP, p_member TEXT, p_ideas BIGINT, p_votes BIGINT,
                             p_comments BIGINT, p_accounts BIGINT) RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
    week_key TEXT := activity_week(p_at);
BEGIN
    INSERT INTO activity_days (day, shard, ideas, votes, comments, accounts)
    VALUES (to_char(p_at, 'YYYY-MM-DD'), pg_backend_pid() % 16, p_ideas, p_votes, p_comments, p_accounts)
    ON CONFLICT (day, shard) DO UPDATE SET ideas = activity_days.ideas + EXCLUDED.ideas,
        votes = activity_days.votes + EXCLUDED.votes, comments = activity_days.comments + EXCLUDED.comments,
        accounts = activity_days.accounts + EXCLUDED.accounts;
    IF p_member IS NULL THEN
        RETURN;
    END IF;
    IF p_ideas + p_votes + p_comments > 0 THEN
        INSERT INTO member_weeks (week, user_id, acts) VALUES (week_key, p_member, 1)
        ON CONFLICT (week, user_id) DO UPDATE SET acts = member_weeks.acts + 1;
    ELSE
        UPDATE member_weeks SET acts = acts - 1 WHERE week = week_key AND user_id = p_member;
        DELETE FROM member_weeks WHERE week = week_key AND user_id = p_member AND acts <= 0;
    END IF;
END $$;

-- `ideaboard rerank` counts the weeks' members itself after refilling member_weeks, and says so
-- with the transaction-local setting `ideaboard.recounting` (no table lock needed).
CREATE FUNCTION member_weeks_count() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('ideaboard.recounting', true) = 'on' THEN
        RETURN NULL;
    END IF;
    IF TG_OP = 'INSERT' THEN
        INSERT INTO activity_weeks (week, shard, members) VALUES (NEW.week, pg_backend_pid() % 16, 1)
        ON CONFLICT (week, shard) DO UPDATE SET members = activity_weeks.members + 1;
    ELSE
        INSERT INTO activity_weeks (week, shard, members) VALUES (OLD.week, pg_backend_pid() % 16, -1)
        ON CONFLICT (week, shard) DO UPDATE SET members = activity_weeks.members - 1;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER member_weeks_count AFTER INSERT OR DELETE ON member_weeks
FOR EACH ROW EXECUTE FUNCTION member_weeks_count();

CREATE FUNCTION ideas_activity() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM activity_add(OLD.created_at, OLD.author_id, -1, 0, 0, 0);
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        PERFORM activity_add(NEW.created_at, NEW.author_id, 1, 0, 0, 0);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER ideas_activity_insert AFTER INSERT ON ideas
FOR EACH ROW EXECUTE FUNCTION ideas_activity();
CREATE TRIGGER ideas_activity_delete AFTER DELETE ON ideas
FOR EACH ROW EXECUTE FUNCTION ideas_activity();
CREATE TRIGGER ideas_activity_update AFTER UPDATE OF created_at, author_id ON ideas
FOR EACH ROW WHEN (OLD.created_at IS DISTINCT FROM NEW.created_at OR OLD.author_id IS DISTINCT FROM NEW.author_id)
EXECUTE FUNCTION ideas_activity();

CREATE FUNCTION votes_activity() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM activity_add(OLD.created_at, OLD.user_id, 0, -1, 0, 0);
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        PERFORM activity_add(NEW.created_at, NEW.user_id, 0, 1, 0, 0);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER votes_activity_insert AFTER INSERT ON votes
FOR EACH ROW EXECUTE FUNCTION votes_activity();
CREATE TRIGGER votes_activity_delete AFTER DELETE ON votes
FOR EACH ROW EXECUTE FUNCTION votes_activity();
CREATE TRIGGER votes_activity_update AFTER UPDATE OF created_at, user_id ON votes
FOR EACH ROW WHEN (OLD.created_at IS DISTINCT FROM NEW.created_at OR OLD.user_id IS DISTINCT FROM NEW.user_id)
EXECUTE FUNCTION votes_activity();

CREATE FUNCTION comments_activity() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM activity_add(OLD.created_at, OLD.author_id, 0, 0, -1, 0);
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        PERFORM activity_add(NEW.created_at, NEW.author_id, 0, 0, 1, 0);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER comments_activity_insert AFTER INSERT ON comments
FOR EACH ROW EXECUTE FUNCTION comments_activity();
CREATE TRIGGER comments_activity_delete AFTER DELETE ON comments
FOR EACH ROW EXECUTE FUNCTION comments_activity();
CREATE TRIGGER comments_activity_update AFTER UPDATE OF created_at, author_id ON comments
FOR EACH ROW WHEN (OLD.created_at IS DISTINCT FROM NEW.created_at OR OLD.author_id IS DISTINCT FROM NEW.author_id)
EXECUTE FUNCTION comments_activity();

CREATE FUNCTION users_activity() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        PERFORM activity_add(OLD.created_at, NULL, 0, 0, 0, -1);
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') THEN
        PERFORM activity_add(NEW.created_at, NULL, 0, 0, 0, 1);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER users_activity_insert AFTER INSERT ON users
FOR EACH ROW EXECUTE FUNCTION users_activity();
CREATE TRIGGER users_activity_delete AFTER DELETE ON users
FOR EACH ROW EXECUTE FUNCTION users_activity();
CREATE TRIGGER users_activity_update AFTER UPDATE OF created_at ON users
FOR EACH ROW WHEN (OLD.created_at IS DISTINCT FROM NEW.created_at)
EXECUTE FUNCTION users_activity();

-- Adds (sign 1) or takes away (sign -1) one scored text in its day and area.
CREATE FUNCTION sentiment_add(p_at TIMESTAMP, p_area TEXT, p_label TEXT, p_sign BIGINT) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    IF p_label IS NULL THEN
        RETURN;
    END IF;
    INSERT INTO sentiment_days (day, area_key, negative, neutral, positive)
    VALUES (to_char(p_at, 'YYYY-MM-DD'), COALESCE(p_area, ''),
            CASE WHEN p_label = 'negative' THEN p_sign ELSE 0 END,
            CASE WHEN p_label = 'neutral' THEN p_sign ELSE 0 END,
            CASE WHEN p_label = 'positive' THEN p_sign ELSE 0 END)
    ON CONFLICT (day, area_key) DO UPDATE SET negative = sentiment_days.negative + EXCLUDED.negative,
        neutral = sentiment_days.neutral + EXCLUDED.neutral, positive = sentiment_days.positive + EXCLUDED.positive;
END $$;

-- Moves (sign 1 adds, -1 takes away) an idea's counted comments in an area.
CREATE FUNCTION sentiment_comments_of(p_idea TEXT, p_area TEXT, p_sign BIGINT) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO sentiment_days (day, area_key, negative, neutral, positive)
    SELECT to_char(created_at, 'YYYY-MM-DD'), COALESCE(p_area, ''),
           p_sign * COUNT(*) FILTER (WHERE sentiment_label = 'negative'),
           p_sign * COUNT(*) FILTER (WHERE sentiment_label = 'neutral'),
           p_sign * COUNT(*) FILTER (WHERE sentiment_label = 'positive')
    FROM comments WHERE idea_id = p_idea AND sentiment_label IS NOT NULL AND deleted_at IS NULL AND hidden_at IS NULL
    GROUP BY 1 ORDER BY 1
    ON CONFLICT (day, area_key) DO UPDATE SET negative = sentiment_days.negative + EXCLUDED.negative,
        neutral = sentiment_days.neutral + EXCLUDED.neutral, positive = sentiment_days.positive + EXCLUDED.positive;
END $$;

CREATE FUNCTION ideas_sentiment() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.merged_into_id IS NULL AND OLD.hidden_at IS NULL THEN
        PERFORM sentiment_add(OLD.created_at, OLD.area_id, OLD.sentiment_label, -1);
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') AND NEW.merged_into_id IS NULL AND NEW.hidden_at IS NULL THEN
        PERFORM sentiment_add(NEW.created_at, NEW.area_id, NEW.sentiment_label, 1);
    END IF;
    IF TG_OP = 'UPDATE' AND OLD.area_id IS DISTINCT FROM NEW.area_id THEN
        PERFORM sentiment_comments_of(OLD.id, OLD.area_id, -1);
        PERFORM sentiment_comments_of(NEW.id, NEW.area_id, 1);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER ideas_sentiment_insert AFTER INSERT ON ideas
FOR EACH ROW EXECUTE FUNCTION ideas_sentiment();
CREATE TRIGGER ideas_sentiment_delete AFTER DELETE ON ideas
FOR EACH ROW EXECUTE FUNCTION ideas_sentiment();
CREATE TRIGGER ideas_sentiment_update AFTER UPDATE OF created_at, area_id, merged_into_id, hidden_at, sentiment_label ON ideas
FOR EACH ROW WHEN (OLD.created_at IS DISTINCT FROM NEW.created_at
    OR OLD.area_id IS DISTINCT FROM NEW.area_id
    OR OLD.merged_into_id IS DISTINCT FROM NEW.merged_into_id
    OR OLD.hidden_at IS DISTINCT FROM NEW.hidden_at
    OR OLD.sentiment_label IS DISTINCT FROM NEW.sentiment_label)
EXECUTE FUNCTION ideas_sentiment();

-- The comment's idea is read FOR SHARE: a concurrent change of its area (which moves the idea's
-- counted comments) is waited for and then seen, and waits for this one in turn, so neither
-- counts the comment in the area it is leaving.
CREATE FUNCTION comments_sentiment() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    area TEXT;
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.deleted_at IS NULL AND OLD.hidden_at IS NULL THEN
        SELECT area_id INTO area FROM ideas WHERE id = OLD.idea_id FOR SHARE;
        PERFORM sentiment_add(OLD.created_at, area, OLD.sentiment_label, -1);
    END IF;
    IF TG_OP IN ('UPDATE', 'INSERT') AND NEW.deleted_at IS NULL AND NEW.hidden_at IS NULL THEN
        SELECT area_id INTO area FROM ideas WHERE id = NEW.idea_id FOR SHARE;
        PERFORM sentiment_add(NEW.created_at, area, NEW.sentiment_label, 1);
    END IF;
    RETURN NULL;
END $$;
-- Deferred to the commit: a transaction that writes a comment and answers its idea takes the
-- response rows first and the sentiment row last, as one that submits an idea does, so the two
-- never wait for each other in opposite orders.
CREATE CONSTRAINT TRIGGER comments_sentiment_insert AFTER INSERT ON comments
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION comments_sentiment();
CREATE CONSTRAINT TRIGGER comments_sentiment_delete AFTER DELETE ON comments
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION comments_sentiment();
CREATE CONSTRAINT TRIGGER comments_sentiment_update AFTER UPDATE OF created_at, idea_id, deleted_at, hidden_at, sentiment_label ON comments
DEFERRABLE INITIALLY DEFERRED FOR EACH ROW WHEN (OLD.created_at IS DISTINCT FROM NEW.created_at
    OR OLD.idea_id IS DISTINCT FROM NEW.idea_id
    OR OLD.deleted_at IS DISTINCT FROM NEW.deleted_at
    OR OLD.hidden_at IS DISTINCT FROM NEW.hidden_at
    OR OLD.sentiment_label IS DISTINCT FROM NEW.sentiment_label)
EXECUTE FUNCTION comments_sentiment();
