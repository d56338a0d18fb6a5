-- rfc3339 was declared IMMUTABLE, but its body calls to_char, which is only STABLE. PostgreSQL inlines a SQL
-- function only when its body is no more volatile than the function says, so it never inlined this one: every row
-- of every timestamp ran it as a function call of its own, which parses and plans its body once per calling
-- statement and starts an executor for each call (a reply ran it six times). As STABLE, which it is, it is inlined
-- into each query that calls it. No index or generated column uses it.
ALTER FUNCTION rfc3339(timestamptz) STABLE;
