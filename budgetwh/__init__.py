"""budgetwh: the command line and the pipeline around dbt (build, validate, export, nightly)."""
