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
-- The rows as they stand now (the sentiment is scored after the migrations, by the program).
INSERT INTO activity_days (day, shard, ideas, votes, comments, accounts)
SELECT day, 0, SUM(ideas), SUM(votes), SUM(comments), SUM(accounts) FROM (
    SELECT date(created_at) AS day, COUNT(*) AS ideas, 0 AS votes, 0 AS comments, 0 AS accounts FROM ideas GROUP BY 1
    UNION ALL SELECT date(created_at), 0, COUNT(*), 0, 0 FROM votes GROUP BY 1
    UNION ALL SELECT date(created_at), 0, 0, COUNT(*), 0 FROM comments GROUP BY 1
    UNION ALL SELECT date(created_at), 0, 0, 0, COUNT(*) FROM users GROUP BY 1
) AS events GROUP BY day;
INSERT INTO member_weeks (week, user_id, acts)
SELECT week, user_id, COUNT(*) FROM (
    SELECT date(created_at, 'weekday 0', '-6 days') AS week, author_id AS user_id FROM ideas
    UNION ALL SELECT date(created_at, 'weekday 0', '-6 days'), user_id FROM votes
    UNION ALL SELECT date(created_at, 'weekday 0', '-6 days'), author_id FROM comments
) AS acts GROUP BY week, user_id;
INSERT INTO activity_weeks (week, shard, members) SELECT week, 0, COUNT(*) FROM member_weeks GROUP BY week;
INSERT INTO sentiment_days (day, area_key, negative, neutral, positive)
SELECT day, area_key, SUM(negative), SUM(neutral), SUM(positive) FROM (
    SELECT date(created_at) AS day, COALESCE(area_id, '') AS area_key,
           CASE WHEN sentiment_label = 'negative' THEN 1 ELSE 0 END AS negative,
           CASE WHEN sentiment_label = 'neutral' THEN 1 ELSE 0 END AS neutral,
           CASE WHEN sentiment_label = 'positive' THEN 1 ELSE 0 END AS positive
    FROM ideas WHERE sentiment_label IS NOT NULL AND merged_into_id IS NULL AND hidden_at IS NULL
    UNION ALL
    SELECT date(c.created_at), COALESCE(i.area_id, ''),
           CASE WHEN c.sentiment_label = 'negative' THEN 1 ELSE 0 END,
           CASE WHEN c.sentiment_label = 'neutral' THEN 1 ELSE 0 END,
           CASE WHEN c.sentiment_label = 'positive' THEN 1 ELSE 0 END
    FROM comments c JOIN ideas i ON i.id = c.idea_id
    WHERE c.sentiment_label IS NOT NULL AND c.deleted_at IS NULL AND c.hidden_at IS NULL
) AS scored GROUP BY day, area_key;
CREATE TRIGGER member_weeks_insert AFTER INSERT ON member_weeks BEGIN
    INSERT INTO activity_weeks (week, shard, members) VALUES (NEW.week, 0, 1)
    ON CONFLICT (week, shard) DO UPDATE SET members = members + 1;
END;
CREATE TRIGGER member_weeks_delete AFTER DELETE ON member_weeks BEGIN
    INSERT INTO activity_weeks (week, shard, members) VALUES (OLD.week, 0, -1)
    ON CONFLICT (week, shard) DO UPDATE SET members = members - 1;
END;
CREATE TRIGGER ideas_activity_insert AFTER INSERT ON ideas BEGIN
    INSERT INTO activity_days (day, shard, ideas) VALUES (date(NEW.created_at), 0, 1)
    ON CONFLICT (day, shard) DO UPDATE SET ideas = ideas + excluded.ideas;
    INSERT INTO member_weeks (week, user_id, acts) VALUES (date(NEW.created_at, 'weekday 0', '-6 days'), NEW.author_id, 1)
    ON CONFLICT (week, user_id) DO UPDATE SET acts = acts + 1;
END;
CREATE TRIGGER ideas_activity_delete AFTER DELETE ON ideas BEGIN
    INSERT INTO activity_days (day, shard, ideas) VALUES (date(OLD.created_at), 0, -1)
    ON CONFLICT (day, shard) DO UPDATE SET ideas = ideas + excluded.ideas;
    UPDATE member_weeks SET acts = acts - 1 WHERE week = date(OLD.created_at, 'weekday 0', '-6 days') AND user_id = OLD.author_id;
    DELETE FROM member_weeks WHERE week = date(OLD.created_at, 'weekday 0', '-6 days') AND user_id = OLD.author_id AND acts <= 0;
END;
CREATE TRIGGER ideas_activity_update AFTER UPDATE OF created_at, author_id ON ideas
WHEN OLD.created_at IS NOT NEW.created_at OR OLD.author_id IS NOT NEW.author_id BEGIN
    INSERT INTO activity_days (day, shard, ideas) VALUES (date(OLD.created_at), 0, -1)
    ON CONFLICT (day, shard) DO UPDATE SET ideas = ideas + excluded.ideas;
    UPDATE member_weeks SET acts = acts - 1 WHERE week = date(OLD.created_at, 'weekday 0', '-6 days') AND user_id = OLD.author_id;
    DELETE FROM member_weeks WHERE week = date(OLD.created_at, 'weekday 0', '-6 days') AND user_id = OLD.author_id AND acts <= 0;
    INSERT INTO activity_days (day, shard, ideas) VALUES (date(NEW.created_at), 0, 1)
    ON CONFLICT (day, shard) DO UPDATE SET ideas = ideas + excluded.ideas;
    INSERT INTO member_weeks (week, user_id, acts) VALUES (date(NEW.created_at, 'weekday 0', '-6 days'), NEW.author_id, 1)
    ON CONFLICT (week, user_id) DO UPDATE SET acts = acts + 1;
END;
CREATE TRIGGER votes_activity_insert AFTER INSERT ON votes BEGIN
    INSERT INTO activity_days (day, shard, votes) VALUES (date(NEW.created_at), 0, 1)
    ON CONFLICT (day, shard) DO UPDATE SET votes = votes + excluded.votes;
    INSERT INTO member_weeks (week, user_id, acts) VALUES (date(NEW.created_at, 'weekday 0', '-6 days'), NEW.user_id, 1)
    ON CONFLICT (week, user_id) DO UPDATE SET acts = acts + 1;
END;
CREATE TRIGGER votes_activity_delete AFTER DELETE ON votes BEGIN
    INSERT INTO activity_days (day, shard, votes) VALUES (date(OLD.created_at), 0, -1)
    ON CONFLICT (day, shard) DO UPDATE SET votes = votes + excluded.votes;
    UPDATE member_weeks SET acts = acts - 1 WHERE week = date(OLD.created_at, 'weekday 0', '-6 days') AND user_id = OLD.user_id;
    DELETE FROM member_weeks WHERE week = date(OLD.created_at, 'weekday 0', '-6 days') AND user_id = OLD.user_id AND acts <= 0;
END;
CREATE TRIGGER votes_activity_update AFTER UPDATE OF created_at, user_id ON votes
WHEN OLD.created_at IS NOT NEW.created_at OR OLD.user_id IS NOT NEW.user_id BEGIN
    INSERT INTO activity_days (day, shard, votes) VALUES (date(OLD.created_at), 0, -1)
    ON CONFLICT (day, shard) DO UPDATE SET votes = votes + excluded.votes;
    UPDATE member_weeks SET acts = acts - 1 WHERE week = date(OLD.created_at, 'weekday 0', '-6 days') AND user_id = OLD.user_id;
    DELETE FROM member_weeks WHERE week = date(OLD.created_at, 'weekday 0', '-6 days') AND user_id = OLD.user_id AND acts <= 0;
    INSERT INTO activity_days (day, shard, votes) VALUES (date(NEW.created_at), 0, 1)
    ON CONFLICT (day, shard) DO UPDATE SET votes = votes + excluded.votes;
    INSERT INTO member_weeks (week, user_id, acts) VALUES (date(NEW.created_at, 'weekday 0', '-6 days'), NEW.user_id, 1)
    ON CONFLICT (week, user_id) DO UPDATE SET acts = acts + 1;
END;
CREATE TRIGGER comments_activity_insert AFTER INSERT ON comments BEGIN
    INSERT INTO activity_days (day, shard, comments) VALUES (date(NEW.created_at), 0, 1)
    ON CONFLICT (day, shard) DO UPDATE SET comments = comments + excluded.comments;
    INSERT INTO member_weeks (week, user_id, acts) VALUES (date(NEW.created_at, 'weekday 0', '-6 days'), NEW.author_id, 1)
    ON CONFLICT (week, user_id) DO UPDATE SET acts = acts + 1;
END;
CREATE TRIGGER comments_activity_delete AFTER DELETE ON comments BEGIN
    INSERT INTO activity_days (day, shard, comments) VALUES (date(OLD.created_at), 0, -1)
    ON CONFLICT (day, shard) DO UPDATE SET comments = comments + excluded.comments;
    UPDATE member_weeks SET acts = acts - 1 WHERE week = date(OLD.created_at, 'weekday 0', '-6 days') AND user_id = OLD.author_id;
    DELETE FROM member_weeks WHERE week = date(OLD.created_at, 'weekday 0', '-6 days') AND user_id = OLD.author_id AND acts <= 0;
END;
CREATE TRIGGER comments_activity_update AFTER UPDATE OF created_at, author_id ON comments
WHEN OLD.created_at IS NOT NEW.created_at OR OLD.author_id IS NOT NEW.author_id BEGIN
    INSERT INTO activity_days (day, shard, comments) VALUES (date(OLD.created_at), 0, -1)
    ON CONFLICT (day, shard) DO UPDATE SET comments = comments + excluded.comments;
    UPDATE member_weeks SET acts = acts - 1 WHERE week = date(OLD.created_at, 'weekday 0', '-6 days') AND user_id = OLD.author_id;
    DELETE FROM member_weeks WHERE week = date(OLD.created_at, 'weekday 0', '-6 days') AND user_id = OLD.author_id AND acts <= 0;
    INSERT INTO activity_days (day, shard, comments) VALUES (date(NEW.created_at), 0, 1)
    ON CONFLICT (day, shard) DO UPDATE SET comments = comments + excluded.comments;
    INSERT INTO member_weeks (week, user_id, acts) VALUES (date(NEW.created_at, 'weekday 0', '-6 days'), NEW.author_id, 1)
    ON CONFLICT (week, user_id) DO UPDATE SET acts = acts + 1;
END;
CREATE TRIGGER users_activity_insert AFTER INSERT ON users BEGIN
    INSERT INTO activity_days (day, shard, accounts) VALUES (date(NEW.created_at), 0, 1)
    ON CONFLICT (day, shard) DO UPDATE SET accounts = accounts + excluded.accounts;
END;
CREATE TRIGGER users_activity_delete AFTER DELETE ON users BEGIN
    INSERT INTO activity_days (day, shard, accounts) VALUES (date(OLD.created_at), 0, -1)
    ON CONFLICT (day, shard) DO UPDATE SET accounts = accounts + excluded.accounts;
END;
CREATE TRIGGER users_activity_update AFTER UPDATE OF created_at ON users
WHEN OLD.created_at IS NOT NEW.created_at BEGIN
    INSERT INTO activity_days (day, shard, accounts) VALUES (date(OLD.created_at), 0, -1)
    ON CONFLICT (day, shard) DO UPDATE SET accounts = accounts + excluded.accounts;
    INSERT INTO activity_days (day, shard, accounts) VALUES (date(NEW.created_at), 0, 1)
    ON CONFLICT (day, shard) DO UPDATE SET accounts = accounts + excluded.accounts;
END;
CREATE TRIGGER ideas_sentiment_insert AFTER INSERT ON ideas BEGIN
    INSERT INTO sentiment_days (day, area_key, negative, neutral, positive)
    SELECT date(NEW.created_at), COALESCE(NEW.area_id, ''), (NEW.sentiment_label = 'negative'), (NEW.sentiment_label = 'neutral'), (NEW.sentiment_label = 'positive')
    WHERE NEW.sentiment_label IS NOT NULL AND NEW.merged_into_id IS NULL AND NEW.hidden_at IS NULL
    ON CONFLICT (day, area_key) DO UPDATE SET negative = negative + excluded.negative, neutral = neutral + excluded.neutral, positive = positive + excluded.positive;
END;
CREATE TRIGGER ideas_sentiment_delete AFTER DELETE ON ideas BEGIN
    INSERT INTO sentiment_days (day, area_key, negative, neutral, positive)
    SELECT date(OLD.created_at), COALESCE(OLD.area_id, ''), -(OLD.sentiment_label = 'negative'), -(OLD.sentiment_label = 'neutral'), -(OLD.sentiment_label = 'positive')
    WHERE OLD.sentiment_label IS NOT NULL AND OLD.merged_into_id IS NULL AND OLD.hidden_at IS NULL
    ON CONFLICT (day, area_key) DO UPDATE SET negative = negative + excluded.negative, neutral = neutral + excluded.neutral, positive = positive + excluded.positive;
END;
CREATE TRIGGER ideas_sentiment_update AFTER UPDATE OF created_at, area_id, merged_into_id, hidden_at, sentiment_label ON ideas
WHEN OLD.created_at IS NOT NEW.created_at OR OLD.area_id IS NOT NEW.area_id OR OLD.merged_into_id IS NOT NEW.merged_into_id
    OR OLD.hidden_at IS NOT NEW.hidden_at OR OLD.sentiment_label IS NOT NEW.sentiment_label BEGIN
    INSERT INTO sentiment_days (day, area_key, negative, neutral, positive)
    SELECT date(OLD.created_at), COALESCE(OLD.area_id, ''), -(OLD.sentiment_label = 'negative'), -(OLD.sentiment_label = 'neutral'), -(OLD.sentiment_label = 'positive')
    WHERE OLD.sentiment_label IS NOT NULL AND OLD.merged_into_id IS NULL AND OLD.hidden_at IS NULL
    ON CONFLICT (day, area_key) DO UPDATE SET negative = negative + excluded.negative, neutral = neutral + excluded.neutral, positive = positive + excluded.positive;
    INSERT INTO sentiment_days (day, area_key, negative, neutral, positive)
    SELECT date(NEW.created_at), COALESCE(NEW.area_id, ''), (NEW.sentiment_label = 'negative'), (NEW.sentiment_label = 'neutral'), (NEW.sentiment_label = 'positive')
    WHERE NEW.sentiment_label IS NOT NULL AND NEW.merged_into_id IS NULL AND NEW.hidden_at IS NULL
    ON CONFLICT (day, area_key) DO UPDATE SET negative = negative + excluded.negative, neutral = neutral + excluded.neutral, positive = positive + excluded.positive;
END;
-- An idea's comments count in its area: they move with it.
CREATE TRIGGER ideas_sentiment_area AFTER UPDATE OF area_id ON ideas WHEN OLD.area_id IS NOT NEW.area_id BEGIN
    INSERT INTO sentiment_days (day, area_key, negative, neutral, positive)
    SELECT date(created_at), COALESCE(OLD.area_id, ''), -SUM(sentiment_label = 'negative'), -SUM(sentiment_label = 'neutral'), -SUM(sentiment_label = 'positive')
    FROM comments WHERE idea_id = OLD.id AND comments.sentiment_label IS NOT NULL AND comments.deleted_at IS NULL AND comments.hidden_at IS NULL GROUP BY date(created_at)
    ON CONFLICT (day, area_key) DO UPDATE SET negative = negative + excluded.negative, neutral = neutral + excluded.neutral, positive = positive + excluded.positive;
    INSERT INTO sentiment_days (day, area_key, negative, neutral, positive)
    SELECT date(created_at), COALESCE(NEW.area_id, ''), SUM(sentiment_label = 'negative'), SUM(sentiment_label = 'neutral'), SUM(sentiment_label = 'positive')
    FROM comments WHERE idea_id = NEW.id AND comments.sentiment_label IS NOT NULL AND comments.deleted_at IS NULL AND comments.hidden_at IS NULL GROUP BY date(created_at)
    ON CONFLICT (day, area_key) DO UPDATE SET negative = negative + excluded.negative, neutral = neutral + excluded.neutral, positive = positive + excluded.positive;
END;
CREATE TRIGGER comments_sentiment_insert AFTER INSERT ON comments BEGIN
    INSERT INTO sentiment_days (day, area_key, negative, neutral, positive)
    SELECT date(NEW.created_at), COALESCE((SELECT area_id FROM ideas WHERE id = NEW.idea_id), ''), (NEW.sentiment_label = 'negative'), (NEW.sentiment_label = 'neutral'), (NEW.sentiment_label = 'positive')
    WHERE NEW.sentiment_label IS NOT NULL AND NEW.deleted_at IS NULL AND NEW.hidden_at IS NULL
    ON CONFLICT (day, area_key) DO UPDATE SET negative = negative + excluded.negative, neutral = neutral + excluded.neutral, positive = positive + excluded.positive;
END;
CREATE TRIGGER comments_sentiment_delete AFTER DELETE ON comments BEGIN
    INSERT INTO sentiment_days (day, area_key, negative, neutral, positive)
    SELECT date(OLD.created_at), COALESCE((SELECT area_id FROM ideas WHERE id = OLD.idea_id), ''), -(OLD.sentiment_label = 'negative'), -(OLD.sentiment_label = 'neutral'), -(OLD.sentiment_label = 'positive')
    WHERE OLD.sentiment_label IS NOT NULL AND OLD.deleted_at IS NULL AND OLD.hidden_at IS NULL
    ON CONFLICT (day, area_key) DO UPDATE SET negative = negative + excluded.negative, neutral = neutral + excluded.neutral, positive = positive + excluded.positive;
END;
CREATE TRIGGER comments_sentiment_update AFTER UPDATE OF created_at, idea_id, deleted_at, hidden_at, sentiment_label ON comments
WHEN OLD.created_at IS NOT NEW.created_at OR OLD.idea_id IS NOT NEW.idea_id OR OLD.deleted_at IS NOT NEW.deleted_at
    OR OLD.hidden_at IS NOT NEW.hidden_at OR OLD.sentiment_label IS NOT NEW.sentiment_label BEGIN
    INSERT INTO sentiment_days (day, area_key, negative, neutral, positive)
    SELECT date(OLD.created_at), COALESCE((SELECT area_id FROM ideas WHERE id = OLD.idea_id), ''), -(OLD.sentiment_label = 'negative'), -(OLD.sentiment_label = 'neutral'), -(OLD.sentiment_label = 'positive')
    WHERE OLD.sentiment_label IS NOT NULL AND OLD.deleted_at IS NULL AND OLD.hidden_at IS NULL
    ON CONFLICT (day, area_key) DO UPDATE SET negative = negative + excluded.negative, neutral = neutral + excluded.neutral, positive = positive + excluded.positive;
    INSERT INTO sentiment_days (day, area_key, negative, neutral, positive)
    SELECT date(NEW.created_at), COALESCE((SELECT area_id FROM ideas WHERE id = NEW.idea_id), ''), (NEW.sentiment_label = 'negative'), (NEW.sentiment_label = 'neutral'), (NEW.sentiment_label = 'positive')
    WHERE NEW.sentiment_label IS NOT NULL AND NEW.deleted_at IS NULL AND NEW.hidden_at IS NULL
    ON CONFLICT (day, area_key) DO UPDATE SET negative = negative + excluded.negative, neutral = neutral + excluded.neutral, positive = positive + excluded.positive;
END;
