"""dbt in its own process, started before the command is known: `python -m budgetwh.dbt_process FIXED_ARGS`.

The process imports dbt (about 1.5 s) and then waits for one line on stdin: the JSON list of the
command's own arguments (`["build", "--exclude", "resource_type:seed"]`), run with FIXED_ARGS
(target, project and target paths) appended. The nightly starts it before it copies the warehouse
and ingests, so the import overlaps that work. An empty line or a closed stdin ends it without
running anything. The exit code is dbt's: 0 success, 1 the command failed (a test, a model), 2 dbt
could not run.
"""

from __future__ import annotations

import gc
import json
import sys


def main() -> int:
    from dbt.cli.main import dbtRunner

    fixed = sys.argv[1:]
    line = sys.stdin.readline()
    if not line.strip():
        return 0
    result = dbtRunner().invoke([*json.loads(line), *fixed])
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
