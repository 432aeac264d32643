DROP TABLE subscriptions;
DROP TABLE comments;
DROP TABLE votes;
DROP TABLE idea_tags;
DROP TABLE ideas;
DROP TABLE tags;
DROP TABLE statuses;
