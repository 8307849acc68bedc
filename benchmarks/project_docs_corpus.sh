#!/bin/sh
# Gathers three projects' own documentation into DIR, as Debian installs it (some files gzipped,
# which the loader does not read): pip's topic guides (MyST Markdown written for Sphinx) in
# DIR/pip, five of systemd's developer documents (Markdown with Jekyll front matter) in
# DIR/systemd, dpkg's four plain-text specifications in DIR/dpkg, and four reStructuredText pages
# (pip's user guide and two of its development pages, setuptools' build-system page) in DIR/rst,
# util-linux's plain-text release notes for 2.34 to 2.38 (one file per release) in
# DIR/util-linux, and zlib's plain-text FAQ, README and notes on its algorithm and on telling text
# from binary in DIR/zlib. The golden sets
# benchmarks/golden/{pip_topics,systemd_docs,dpkg_specs,rst_docs,util_linux_notes,zlib_docs}.jsonl
# ask about them. Then, e.g.:
#   docent eval benchmarks/golden/pip_topics.jsonl --corpus DIR/pip --out OUT
set -eu
dir=${1:?usage: benchmarks/project_docs_corpus.sh DIR}
mkdir -p "$dir/pip" "$dir/systemd" "$dir/dpkg" "$dir/rst" "$dir/util-linux" "$dir/zlib"
unpack() {  # SOURCE [SOURCE.gz] → TARGET, whichever is installed
  if [ -f "$1" ]; then cp "$1" "$2"; else gzip -dc "$1.gz" >"$2"; fi
}
for name in authentication caching configuration dependency-resolution https-certificates \
    local-project-installs more-dependency-resolution python-option repeatable-installs \
    secure-installs vcs-support; do
  unpack "/usr/share/doc/python3-pip/html/topics/$name.md" "$dir/pip/$name.md"
done
for name in CODING_STYLE DISTRO_PORTING ENVIRONMENT TRANSIENT-SETTINGS UIDS-GIDS; do
  unpack "/usr/share/doc/systemd/$name.md" "$dir/systemd/$name.md"
done
cp /usr/share/doc/dpkg/spec/frontend-api.txt /usr/share/doc/dpkg/spec/protected-field.txt \
  /usr/share/doc/dpkg/spec/rootless-builds.txt /usr/share/doc/dpkg/spec/triggers.txt "$dir/dpkg/"
unpack /usr/share/doc/python3-pip/html/user_guide.rst "$dir/rst/pip-user_guide.rst"
unpack /usr/share/doc/python3-pip/html/development/getting-started.rst "$dir/rst/pip-dev-getting-started.rst"
unpack /usr/share/doc/python3-pip/html/development/release-process.rst "$dir/rst/pip-release-process.rst"
unpack /usr/share/doc/python3-setuptools/build_meta.rst "$dir/rst/setuptools-build_meta.rst"
for version in 2.34 2.35 2.36 2.37 2.38; do
  unpack "/usr/share/doc/util-linux/releases/v$version-ReleaseNotes" "$dir/util-linux/v$version-ReleaseNotes.txt"
done
for name in FAQ README algorithm.txt txtvsbin.txt; do
  unpack "/usr/share/doc/zlib1g-dev/$name" "$dir/zlib/${name%.txt}.txt"
done
