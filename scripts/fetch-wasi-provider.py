#!/usr/bin/env python3
"""Extracts the deterministic WASI 0.2 provider component that numcodecs-wasm 0.2.5 embeds.

The reference host ships its WASI implementation as a wasm component (`wasi-sandboxed:merged`,
51,773 bytes) inside the native extension of its wheel, directly after the bytes of that name. This
downloads the wheel from PyPI (pip), finds the component, checks its SHA-256 and writes it to
OUT (default: $CODECS_DIR or ~/.cache/repro-wasm/codecs, as wasi-sandboxed-merged.wasm).

    scripts/fetch-wasi-provider.py [OUT_DIR]      prints the component's path
"""
import hashlib
import os
import subprocess
import sys
import tempfile
import zipfile

NAME = b"wasi-sandboxed:merged"
SIZE = 51_773
SHA256 = "1702bb0c2a868098cc03519a956da4984768831b08333079b7db2af22d5c93c5"


def main() -> int:
    default = os.environ.get("CODECS_DIR", os.path.expanduser("~/.cache/repro-wasm/codecs"))
    out_dir = sys.argv[1] if len(sys.argv) > 1 else default
    out = os.path.join(out_dir, "wasi-sandboxed-merged.wasm")
    if os.path.exists(out) and hashlib.sha256(open(out, "rb").read()).hexdigest() == SHA256:
        print(out)
        return 0
    os.makedirs(out_dir, exist_ok=True)
    with tempfile.TemporaryDirectory() as wheels:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary", ":all:",
             "--dest", wheels, "numcodecs-wasm==0.2.5"],
            check=True, stdout=sys.stderr)
        for wheel in os.listdir(wheels):
            archive = zipfile.ZipFile(os.path.join(wheels, wheel))
            for member in archive.namelist():
                if not member.endswith((".so", ".pyd", ".dylib")):
                    continue
                data = archive.read(member)
                at = data.find(NAME)
                while at >= 0:
                    blob = data[at + len(NAME):at + len(NAME) + SIZE]
                    if hashlib.sha256(blob).hexdigest() == SHA256:
                        with open(out, "wb") as file:
                            file.write(blob)
                        print(out)
                        return 0
                    at = data.find(NAME, at + 1)
    print(f"fetch-wasi-provider: no {SIZE}-byte component with SHA-256 {SHA256} after {NAME.decode()}",
          file=sys.stderr)
    return 1


if __name__ == "__main__":
    sys.exit(main())
