"""Turn files into cited-ready chunks in a vector store and a lexical index.

`ingest` imports nothing from `assistant` or `ui`.
"""
