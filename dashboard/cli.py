"""`budgetwh dashboard`: serve the Streamlit app on the parquet exports.

Runs `streamlit run dashboard/app.py` as a child process (Streamlit owns its event loop) with the
export folder passed after `--`, forwards stop signals to it, and returns its exit code.
"""

from __future__ import annotations

import argparse
import os
import signal
import subprocess
import sys
from pathlib import Path

from budgetwh.paths import exports_path

APP = Path(__file__).resolve().parent / "app.py"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--exports", help="export folder (default exports/ or $BUDGETWH_EXPORTS)")
    parser.add_argument("--port", type=int, default=8501, help="port to serve on (default 8501)")
    parser.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")


def streamlit_command(exports: Path, port: int, host: str) -> list[str]:
    """The `streamlit run` command line: headless, no usage statistics (there is no network here and
    none is wanted), no file watcher (the app reads parquet snapshots, not its own source)."""
    return [
        sys.executable, "-m", "streamlit", "run", str(APP),
        "--server.headless", "true",
        "--server.port", str(port),
        "--server.address", host,
        "--server.fileWatcherType", "none",
        "--browser.gatherUsageStats", "false",
        "--global.developmentMode", "false",
        "--client.toolbarMode", "viewer",
        "--", "--exports", str(exports),
    ]


def run(args: argparse.Namespace) -> int:
    exports = exports_path(args.exports)
    if not (exports / "manifest.json").exists():
        # still start: the app explains what is missing and notices when the exports appear
        print(f"no exports at {exports} yet: run `make run` or `budgetwh export`; the dashboard shows how", file=sys.stderr)
    print(f"budgetwh dashboard on http://{args.host}:{args.port} (exports: {exports})", file=sys.stderr)
    environment = {**os.environ, "BUDGETWH_EXPORTS": str(exports)}
    server = subprocess.Popen(streamlit_command(exports, args.port, args.host), env=environment)

    def stop_server(signum: int, _frame: object) -> None:
        # a stop meant for `budgetwh dashboard` must reach Streamlit, or it outlives us holding the port
        server.send_signal(signum)

    for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(signum, stop_server)
    return server.wait()
