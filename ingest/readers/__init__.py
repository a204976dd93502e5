"""One reader per format; each turns a file into the item stream `ingest.tables` reads."""
