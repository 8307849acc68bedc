"""Answer questions over the indexed documents, with citations. Imports `ingest`, never `ui`."""
