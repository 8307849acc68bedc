"""Optional LLM answer backends: a model writes the answer, docent checks every sentence of it.

`base` holds what all backends share (the fallback to the extractive answer), `prompting` renders
the prompts in `prompts/`, `verify` keeps only sentences whose cited passage supports them,
`openai_backend` talks to any OpenAI-compatible server and `local_backend` runs a GGUF file
in-process. `rewrite` turns a follow-up into a standalone question with the model, and
`assemble` builds the model `make llm-model` installs. Nothing here is imported unless
DOCENT_ANSWERER names an LLM backend.
"""
