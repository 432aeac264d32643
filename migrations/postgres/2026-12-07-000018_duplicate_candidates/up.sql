-- The likely duplicates of each idea, found among the older ideas when it is submitted, so that
-- the triage inbox can offer "merge into #n" on every row without a search per row.
CREATE TABLE duplicate_candidates (
    idea_id TEXT NOT NULL REFERENCES ideas (id) ON DELETE CASCADE,
    candidate_id TEXT NOT NULL REFERENCES ideas (id) ON DELETE CASCADE,
    PRIMARY KEY (idea_id, candidate_id)
);
