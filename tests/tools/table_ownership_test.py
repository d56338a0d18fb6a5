#!/usr/bin/env python3
"""infra/tools/check-table-ownership on small made-up repositories: it passes a capability's own SQL and a
published view, and fails on another capability's table, on a migration's table nobody owns, and on a baseline
line that no longer matches anything."""
import pathlib
import subprocess
import sys
import tempfile
import unittest

CHECK = pathlib.Path(__file__).resolve().parents[2] / "infra" / "tools" / "check-table-ownership"

OWNERS = """
users            identity
people           identity   published
resources        library
"""


def run(files):
    with tempfile.TemporaryDirectory() as root:
        base = pathlib.Path(root)
        defaults = {"backend/table_owners.txt": OWNERS, "infra/tools/table-ownership-baseline.txt": "",
                    "migrations/0001.sql": "CREATE TABLE users (id bigint);\nCREATE TABLE resources (id bigint);\n"}
        for path, text in {**defaults, **files}.items():
            (base / path).parent.mkdir(parents=True, exist_ok=True)
            (base / path).write_text(text)
        done = subprocess.run([sys.executable, str(CHECK), root], capture_output=True, text=True)
        return done.returncode, done.stdout


class TableOwnership(unittest.TestCase):
    def test_own_tables_and_published_views_pass(self):
        code, out = run({"backend/library/store.cpp":
                         'const char* q = R"sql(SELECT r.id FROM resources r JOIN people p ON p.id = r.author)sql";'})
        self.assertEqual((code, out), (0, ""))

    def test_another_capabilitys_table_fails(self):
        code, out = run({"backend/library/store.cpp":
                         'const char* q = "SELECT r.id FROM resources r\\n JOIN users u ON u.id = r.author";'})
        self.assertEqual(code, 1)
        self.assertIn("backend/library/store.cpp:1: library names users, which belongs to identity", out)

    def test_sql_outside_a_capability_fails(self):
        code, out = run({"backend/app/server.cpp": 'auto n = tx.exec("DELETE FROM people WHERE id = 1");'})
        self.assertEqual(code, 1)
        self.assertIn("app/ runs SQL on people", out)

    def test_a_migrations_table_without_owner_fails(self):
        code, out = run({"migrations/0002.sql": "CREATE TABLE meetings (id bigint);"})
        self.assertEqual(code, 1)
        self.assertIn("meetings has no owner", out)

    def test_the_baseline_only_shrinks(self):
        breach = 'const char* q = "SELECT 1 FROM users";'
        baseline = "backend/library/store.cpp users  # until issue 99\n"
        self.assertEqual(run({"backend/library/store.cpp": breach,
                              "infra/tools/table-ownership-baseline.txt": baseline})[0], 0)
        code, out = run({"backend/library/store.cpp": 'const char* q = "SELECT 1 FROM resources";',
                         "infra/tools/table-ownership-baseline.txt": baseline})
        self.assertEqual(code, 1)
        self.assertIn("no longer names users: remove the line", out)


if __name__ == "__main__":
    unittest.main()
