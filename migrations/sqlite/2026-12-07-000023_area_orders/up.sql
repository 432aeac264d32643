-- The board filtered by area, in its three most used orders, as an index walk like the whole
-- board's and a status's: without these a page sorted every live idea of the area.
CREATE INDEX ideas_area_popular ON ideas (area_id, popular_key DESC, created_at DESC, number DESC)
    WHERE merged_into_id IS NULL AND hidden_at IS NULL AND area_id IS NOT NULL;
CREATE INDEX ideas_area_trending ON ideas (area_id, trending_key DESC, created_at DESC, number DESC)
    WHERE merged_into_id IS NULL AND hidden_at IS NULL AND area_id IS NOT NULL;
CREATE INDEX ideas_area_new ON ideas (area_id, created_at DESC, number DESC)
    WHERE merged_into_id IS NULL AND hidden_at IS NULL AND area_id IS NOT NULL;
