"""The Streamlit dashboard on the parquet exports."""
