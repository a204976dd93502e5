"""The Spark side of the warehouse: one local SparkSession configured as dbt's spark target is.

`profiles/profiles.yml` is the one place the session's parameters are written down: dbt-spark
reads them when it starts its session (`method: session`), and `spark_session()` reads the same
file, so that ingest, validation and export see the tables dbt built, in the same metastore.
A warehouse is a folder: parquet tables under tables/, their Hive metastore under metastore_db/
(embedded Derby: one process at a time).
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import sys
import warnings
from pathlib import Path

import yaml

from budgetwh.paths import PROJECT_DIR

PROFILES = PROJECT_DIR / "profiles" / "profiles.yml"
_ENV_VAR = re.compile(r"\{\{\s*env_var\(\s*'([^']+)'\s*(?:,\s*'([^']*)'\s*)?\)\s*\}\}")


class SparkUnavailable(Exception):
    """No Java runtime, or the warehouse's metastore is held by another process."""


def java_available() -> bool:
    return shutil.which("java") is not None or bool(os.environ.get("JAVA_HOME"))


def spark_environment(warehouse: Path) -> dict[str, str]:
    """What a process running the spark target needs in its environment (dbt reads these through
    profiles.yml): the warehouse folder, and this interpreter for Spark's Python workers."""
    return {
        "BUDGETWH_SPARK_WAREHOUSE": str(warehouse),
        "BUDGETWH_PROJECT_DIR": str(PROJECT_DIR),
        "BUDGETWH_TARGET": "spark",
        "PYSPARK_PYTHON": sys.executable,
        "PYSPARK_DRIVER_PYTHON": sys.executable,
    }


def _render(value: str, env: dict[str, str]) -> str:
    return _ENV_VAR.sub(lambda m: env.get(m.group(1), m.group(2) or ""), str(value))


def spark_parameters(warehouse: Path, cores: int | None = None) -> dict[str, str]:
    """The spark target's server_side_parameters, rendered for this warehouse."""
    env = {**os.environ, **spark_environment(warehouse)}
    if cores and "BUDGETWH_SPARK_MASTER" not in os.environ:
        env["BUDGETWH_SPARK_MASTER"] = f"local[{cores}]"
    profile = yaml.safe_load(PROFILES.read_text(encoding="utf-8"))
    output = profile["budgetwh"]["outputs"]["spark"]
    parameters = {str(k): _render(v, env) for k, v in (output.get("server_side_parameters") or {}).items()}
    # dbt-spark forces ANSI mode off for every session it opens; so does this one
    parameters["spark.sql.ansi.enabled"] = "false"
    return parameters


def spark_session(warehouse: Path, cores: int | None = None):
    """The session on `warehouse` (created, or the one this process already has)."""
    if not java_available():
        raise SparkUnavailable("no Java runtime: install one (make java) to use the Spark target")
    for key, value in spark_environment(warehouse).items():
        if key != "BUDGETWH_TARGET":
            os.environ[key] = value
    warehouse.mkdir(parents=True, exist_ok=True)
    logging.getLogger("py4j").setLevel(logging.ERROR)
    warnings.filterwarnings("ignore", message="PySpark does not yet fully support pandas")
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("budgetwh").enableHiveSupport()
    for key, value in spark_parameters(warehouse, cores).items():
        builder = builder.config(key, value)
    try:
        session = builder.getOrCreate()
        session.sparkContext.setLogLevel("ERROR")
        session.sql("show databases").collect()  # opens the metastore now, so a held one fails here
    except Exception as error:  # noqa: BLE001 - say what is wrong in the user's terms
        text = str(error)
        if "Derby" in text or "metastore" in text.lower() or "XSDB6" in text:
            raise SparkUnavailable(
                f"the Spark warehouse {warehouse} is in use by another process (its metastore admits one at a time)"
            ) from None
        raise
    return session


def has_raw_tables(warehouse: Path) -> bool:
    """Whether `budgetwh ingest --engine spark` has landed anything in this warehouse (no JVM needed)."""
    return (warehouse / "metastore_db").exists() and (warehouse / "tables" / "raw.db" / "documents").exists()
