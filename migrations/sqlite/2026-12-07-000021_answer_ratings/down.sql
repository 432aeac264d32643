DROP INDEX comments_rated_answers;
ALTER TABLE comments DROP COLUMN unhelpful;
ALTER TABLE comments DROP COLUMN helpful;
DROP TABLE answer_ratings;
