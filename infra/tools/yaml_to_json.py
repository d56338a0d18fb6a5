#!/usr/bin/python3
"""Converts the OpenAPI YAML document to JSON at build time (needs Debian's python3-yaml)."""
import json
import sys

import yaml


def main(source, target):
    with open(source, encoding="utf-8") as f:
        document = yaml.safe_load(f)
    with open(target, "w", encoding="utf-8") as f:
        json.dump(document, f, ensure_ascii=False, separators=(",", ":"), default=str)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
