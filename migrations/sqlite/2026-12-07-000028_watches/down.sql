DROP TABLE watch_matches;
DROP TABLE watches;
