"""`budgetwh dashboard`: placeholder until the app lands."""

import argparse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--exports", help="export folder (default exports/ or $BUDGETWH_EXPORTS)")
    parser.add_argument("--port", type=int, default=8501)


def run(args: argparse.Namespace) -> int:
    print("the dashboard is not built yet")
    return 1
