#!/bin/sh
# Gathers the README benchmark's documents into DIR: seventeen README files of unrelated projects
# as Debian installs them (some Markdown, some plain text, most gzip-compressed), each saved as
# PACKAGE-NAME.md or .txt. A folder of many short documents that share section names
# ("Installation", "Bugs", "License") is a common shape of "my documents"
# (benchmarks/golden/readmes.jsonl asks about it). Then:
#   docent eval benchmarks/golden/readmes.jsonl --corpus DIR --out OUT
set -eu
dir=${1:?usage: benchmarks/readme_corpus.sh DIR}
mkdir -p "$dir"
doc=/usr/share/doc
for entry in zstd/README.md.gz git/README.md apt/README.md.gz systemd/README.gz wget/README \
    xz-utils/README.gz man-db/README.md.gz libffi8/README.md.gz libglib2.0-0/README.md \
    libcbor0.8/README.md make/README.gz coreutils/README.gz libjpeg-dev/README.md.gz procps/bugs.md \
    base-passwd/README libnss-mdns/README.md.gz gnupg/README.gz; do
  package=${entry%%/*}
  name=${entry#*/}
  name=${name%.gz}
  case "$name" in *.md) out="$dir/$package-$name" ;; *) out="$dir/$package-$name.txt" ;; esac
  case "$entry" in *.gz) gzip -dc "$doc/$entry" >"$out" ;; *) cp "$doc/$entry" "$out" ;; esac
done
