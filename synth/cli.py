"""`budgetwh synth`: placeholder until the generator lands."""

import argparse


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", required=True)


def run(args: argparse.Namespace) -> int:
    print("the generator is not built yet")
    return 1
