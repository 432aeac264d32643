-- The board filtered by area in its default order (popular) and by newest, as an index walk like
-- the whole board's and a status's: without these a page sorted every live idea of the area. The
-- other orders of an area still sort its ideas: each index on a vote-kept key costs every vote on
-- an idea in an area one more index write (two of them measured a quarter fewer votes a second).
CREATE INDEX ideas_area_popular ON ideas (area_id, popular_key DESC, created_at DESC, number DESC)
    WHERE merged_into_id IS NULL AND hidden_at IS NULL AND area_id IS NOT NULL;
CREATE INDEX ideas_area_new ON ideas (area_id, created_at DESC, number DESC)
    WHERE merged_into_id IS NULL AND hidden_at IS NULL AND area_id IS NOT NULL;
