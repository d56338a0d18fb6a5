#!/usr/bin/env python3
"""From the pgbench script of one reply that reply_script.py writes (one reply a transaction), a script that writes
REPLIES replies to a transaction set-based, as a batch: insert_reply made to take an array of threads (one statement
for all the posts and followings, sent with the BEGIN), one round trip for the posts' ids and the threads' shapes,
and bench_finish_replies (replies_set_based.sh defines it) for all their audit rows, threads' counters, events and
the replier's count, sent with the COMMIT. What it measures is what PostgreSQL gains from one statement for several
replies rather than one each.

    reply_batch_script.py ONE_SQL REPLIES > script.sql
"""
import re
import sys


def main():
    one = open(sys.argv[1], encoding='utf-8').read()
    replies = int(sys.argv[2])
    insert = one.split('BEGIN;\n', 1)[1].split(';\n\\endpipeline', 1)[0].strip()
    batch = re.search(r"(U&'\[\{.*\}\]')::jsonb", one, re.S)[1]
    threads = ','.join(f':t{k}' for k in range(1, replies + 1))
    for before, after in [
        ("WITH open AS MATERIALIZED (\n    SELECT t.id FROM threads t\n    WHERE t.id = :t1 AND",
         f"WITH asked AS (SELECT unnest(ARRAY[{threads}]::bigint[]) AS id),\nopen AS MATERIALIZED (\n"
         "    SELECT t.id FROM threads t JOIN asked a ON a.id = t.id\n    WHERE"),
        ("SELECT p.id, p.roles FROM thread_subscriptions s JOIN people p ON p.id = s.user_id WHERE s.thread_id = :t1",
         "SELECT s.thread_id, p.id, p.roles FROM thread_subscriptions s JOIN people p ON p.id = s.user_id "
         "WHERE s.thread_id IN (SELECT id FROM asked)"),
        ("SELECT f.id FROM followers f JOIN threads t ON t.id = :t1",
         "SELECT f.thread_id, f.id FROM followers f JOIN threads t ON t.id = f.thread_id"),
        ("(SELECT coalesce(string_agg(id::text, ','), '') FROM readers)",
         "(SELECT coalesce(string_agg(r.id::text, ','), '') FROM readers r WHERE r.thread_id = t.id)"),
        ("JOIN open o ON o.id = t.id, inserted p JOIN people pa ON pa.id = p.author_id",
         "JOIN open o ON o.id = t.id JOIN inserted p ON p.thread_id = t.id JOIN people pa ON pa.id = p.author_id"),
    ]:
        if before not in insert:
            sys.exit(f'insert_reply has changed: no {before!r} in it')
        insert = insert.replace(before, after)
    events = batch[len("U&'["):-len("]'")]
    step = 10_000 // replies
    out = [f'-- {replies} replies a transaction, set-based',
           f'\\set t1 random(:first, :first + {step - 1})']
    out += [f'\\set t{k} :t{k - 1} + {step}' for k in range(2, replies + 1)]
    out += ['\\startpipeline', 'BEGIN;', insert + ';', '\\endpipeline',
            'SELECT array_agg((SELECT max(id) FROM posts WHERE thread_id = t.id) ORDER BY t.id) AS posts '
            f'FROM threads t WHERE t.id IN ({threads}) \\gset',
            '\\startpipeline',
            f"SELECT * FROM bench_finish_replies(ARRAY[{threads}]::bigint[], U&'1', U&'f', U&'f', "
            "CAST(:posts AS bigint[]), U&'1', U&'bench', U&'127.0.0.1', "
            "U&'[" + ', '.join([events] * replies) + "]'::jsonb, U&'post\\003Abatches', U&'60', U&'100000000');",
            'COMMIT;', '\\endpipeline']
    print('\n'.join(out))


if __name__ == '__main__':
    main()
