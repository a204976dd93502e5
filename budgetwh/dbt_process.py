"""dbt in its own process, started before the command is known:
`python -m budgetwh.dbt_process [--parse-first] FIXED_ARGS`.

The process imports dbt (about 1.5 s) and then waits for one line on stdin: the JSON list of the
command's own arguments (`["build", "--exclude", "resource_type:seed"]`), run with FIXED_ARGS
(target, project and target paths) appended. The nightly starts it before it copies the warehouse
and ingests, so the import overlaps that work; with --parse-first the process also parses the
project meanwhile (`dbt parse`, which reads no warehouse) and hands the manifest to the command,
which then starts with the models. An empty line or a closed stdin ends it without running
anything. The exit code is dbt's: 0 success, 1 the command failed (a test, a model), 2 dbt could
not run.
"""

from __future__ import annotations

import gc
import json
import sys


def main() -> int:
    # dbt's import, its parse and every node's Jinja context allocate objects by the hundred
    # thousand: collecting the youngest every 700 allocations (Python's default) cost a tenth of
    # the import and of the parse; the process is short-lived, and older garbage is still collected
    gc.set_threshold(100_000, 50, 100)
    from dbt.cli.main import dbtRunner

    fixed = sys.argv[1:]
    manifest = None
    if fixed[:1] == ["--parse-first"]:
        fixed = fixed[1:]
        # manifest.json is the parse's to write only for a person or a tool to read: the command
        # gets the manifest itself, and partial_parse.msgpack (what tomorrow's parse reuses) is written
        parsed = dbtRunner().invoke(["parse", "--no-write-json", *fixed])
        # a project that does not parse is parsed again by the command, which then says why
        manifest = parsed.result if parsed.success else None
    line = sys.stdin.readline()
    if not line.strip():
        return 0
    result = dbtRunner(manifest=manifest).invoke([*json.loads(line), *fixed])
    sys.stdout.flush()
    sys.stderr.flush()
    # dbt's manifest and graph are a few hundred thousand objects; the collection at interpreter exit
    # costs half a second and frees memory the process is about to hand back anyway
    gc.freeze()
    if result.success:
        return 0
    return 2 if result.exception is not None else 1


if __name__ == "__main__":
    sys.exit(main())
