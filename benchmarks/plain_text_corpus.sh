#!/bin/sh
# Gathers the plain-text benchmark's documents into DIR: two license texts hard-wrapped at about
# 72 columns and a PDF specification, as Debian installs them (benchmarks/golden/plain_text.jsonl
# asks about them). Then: docent eval benchmarks/golden/plain_text.jsonl --corpus DIR --out OUT
set -eu
dir=${1:?usage: benchmarks/plain_text_corpus.sh DIR}
mkdir -p "$dir"
cp /usr/share/common-licenses/GPL-3 "$dir/GPL-3.txt"
cp /usr/share/common-licenses/Apache-2.0 "$dir/Apache-2.0.txt"
cp /usr/share/doc/shared-mime-info/shared-mime-info-spec.pdf "$dir/"
