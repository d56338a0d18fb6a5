-- Every reply moves its thread's last_activity_at, which the list's index is ordered by, so no such update is HOT:
-- each leaves a dead row, and dead entries at the head of that index, where the list's first page reads. By default
-- autovacuum waits until a fifth of the table is dead (10,000 rows of 50,000), and one busy thread slows everyone's
-- list until then. Threads are vacuumed after a fixed number of dead rows instead, without pausing between pages.
ALTER TABLE threads SET (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 1000,
                         autovacuum_vacuum_cost_delay = 0);
