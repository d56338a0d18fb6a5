#!/usr/bin/env python3
"""Turns one reply that pswnet wrote, as PostgreSQL logged it (log_min_duration_statement = 0), into a pgbench
script that writes the same statements with the same arguments, REPLIES to a transaction, to threads picked at
random in ascending order (so that two transactions never wait on each other's thread rows in turn).

    reply_script.py LOG THREAD_ID REPLIES [shared|per-connection] > script.sql
    pgbench -M prepared -D first=LOWEST_THREAD_ID -f script.sql ...

pgbench prepares each statement once per connection, as pswnet's own connections do, the logged arguments written
into it. An argument equal to the thread's id becomes the picked thread. The reply's id and the thread's shape,
which pswnet takes from insert_reply's row, are read by one statement more, before finish_reply. Arguments inside
JSON (the events' channels) keep the captured thread's id: the events written cost the same. The write limit's
counter is the replier's, shared by every connection as in pswnet, or with per-connection one of each connection's
own, so that no transaction waits for another's counter row.
"""
import re
import sys

ENTRY = re.compile(r'^\d{4}-\d\d-\d\d \S+ \S+ \[(\d+)\] \S*\s*([A-Z]+):  (.*)$')
EXECUTE = re.compile(r'^duration: [\d.]+ ms  execute ([^:]+): (.*)$', re.S)
PARAMETERS = re.compile(r"\$(\d+) = (NULL|'(?:[^']|'')*')", re.S)


def entries(path):
    """(pid, kind, text) for each log entry, continuation lines joined to their entry."""
    current = None
    with open(path, encoding='utf-8', errors='replace') as log:
        for line in log:
            line = line.rstrip('\n')
            match = ENTRY.match(line)
            if match:
                if current:
                    yield current
                current = [match[1], match[2], match[3]]
            elif current is not None:
                current[2] += '\n' + (line[1:] if line.startswith('\t') else line)
    if current:
        yield current


def executions(path):
    """Per backend, its statements in order: [(name, query, {n: literal or None})]."""
    by_pid = {}
    executing = {}  # pid -> whether its last LOG entry was an execute (a bind's parameters are logged too)
    for pid, kind, text in entries(path):
        if kind == 'LOG':
            match = EXECUTE.match(text)
            executing[pid] = bool(match)
            if match:
                by_pid.setdefault(pid, []).append([match[1], match[2], {}])
        elif kind == 'DETAIL' and text.startswith('parameters: ') and executing.get(pid):
            by_pid[pid][-1][2] = {int(n): (None if value == 'NULL' else value)
                                  for n, value in PARAMETERS.findall(text[len('parameters: '):])}
    return by_pid


def last_reply(by_pid, thread_id):
    """The statements of the last transaction that wrote a reply to thread_id, BEGIN and COMMIT left out."""
    found = None
    for statements in by_pid.values():
        transaction = None
        for name, query, parameters in statements:
            verb = query.strip().upper()
            if verb.startswith('BEGIN'):
                transaction = []
            elif verb.startswith('COMMIT'):
                if transaction and any(n == 'forum.insert_reply' and p.get(3) == f"'{thread_id}'"
                                       for n, _, p in transaction):
                    found = transaction
                transaction = None
            elif transaction is not None:
                transaction.append((name, query, parameters))
    if not found:
        sys.exit(f'no reply to thread {thread_id} in the log')
    return found


PARAMETER = re.compile(r'\$(\d+)')


def with_arguments(query, arguments):
    """The query with each $n replaced by arguments[n]: pgbench prepares it, its :variables as parameters."""
    return PARAMETER.sub(lambda match: arguments[int(match[1])], query)


def literal(logged):
    """A logged argument ('…', quotes doubled) as a literal with no colon, which pgbench would take for a variable."""
    return "U&" + logged.replace('\\', '\\\\').replace(':', '\\003A')


def main():
    log, thread_id, replies = sys.argv[1], sys.argv[2], int(sys.argv[3])
    limit = sys.argv[4] if len(sys.argv) > 4 else 'shared'
    if limit not in ('shared', 'per-connection'):
        sys.exit(f'the write limit is shared or per-connection, not {limit}')
    statements = last_reply(executions(log), thread_id)
    post_id = next(p[6] for name, _, p in statements if name == 'forum.finish_reply')
    own_counter = '(' + literal("'post:bench:'") + ' || CAST(:client_id AS text))'
    step = 10_000 // replies
    out = ['-- the statements of a reply, as pswnet sent them: ' + ', '.join(name for name, _, _ in statements),
           f'\\set t1 random(:first, :first + {step - 1})']
    out += [f'\\set t{k} :t{k - 1} + {step}' for k in range(2, replies + 1)]
    # As pswnet sends them: BEGIN with the first statement, COMMIT with the last (finish_reply), one pipeline each;
    # between two replies of one transaction, one reply's finish_reply goes with the next one's first statement.
    out += ['\\startpipeline', 'BEGIN;']
    for k in range(1, replies + 1):
        for name, query, parameters in statements:
            arguments = {}
            for n, value in parameters.items():
                if value == f"'{thread_id}'":
                    arguments[n] = f':t{k}'
                elif value == post_id:
                    arguments[n] = f':post{k}'
                elif name == 'forum.finish_reply' and n == 5:
                    arguments[n] = f':shape{k}'
                elif name == 'forum.finish_reply' and n == 11 and limit == 'per-connection':
                    arguments[n] = own_counter
                else:
                    arguments[n] = 'NULL' if value is None else literal(value)
            if name == 'forum.finish_reply':  # what pswnet took from insert_reply's row: a round trip more
                out += ['\\endpipeline',
                        f'SELECT (SELECT max(id) FROM posts WHERE thread_id = :t{k}) AS post{k}, '
                        f'thread_shape(t) AS shape{k} FROM threads t WHERE t.id = :t{k} \\gset',
                        '\\startpipeline']
            out.append(with_arguments(query, arguments) + ';')
    out += ['COMMIT;', '\\endpipeline']
    print('\n'.join(out))


if __name__ == '__main__':
    main()
