DROP TABLE duplicate_candidates;
