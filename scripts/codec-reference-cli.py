#!/usr/bin/env python3
"""The `repro-wasm codec` command line, played by the reference host (numcodecs-wasm), for testing
scripts/codec-differential.py itself: a run against it must pass, and a run with a fault injected
must fail. It is not ReproWasm and its results say nothing about ReproWasm.

    codec-reference-cli.py codec CODEC.wasm info|encode|decode ... (the interface in docs/CODECS.md)

Needs numcodecs-wasm (run it with the differential test's venv Python; the differential test does
that for a --repro that ends in .py). CODEC_SHIM_FAULT=count|bytes|message injects one fault:
one more instruction in the call, one flipped output byte, or a changed error message.
"""

import json
import sys
import types
from pathlib import Path

def load(path: Path, config_text: str):
    import numcodecs_wasm
    # Codecs that onion or pressio name in the config come from the same directory, so the
    # registry sees those bytes (every component there is NAME.wasm with codec id NAME.rs).
    for other in sorted(path.parent.glob("*.wasm")):
        if other != path and f'"{other.stem}.rs"' in config_text:
            load_class(numcodecs_wasm, other)
    return load_class(numcodecs_wasm, path)


def load_class(numcodecs_wasm, path):
    module = types.ModuleType("codec_reference_cli_" + path.stem.replace("-", "_"))
    sys.modules[module.__name__] = module
    return numcodecs_wasm.create_codec_class(module, path.read_bytes())


def fail(error, stats=None):
    chain = []
    while error is not None:
        chain.append(str(error))
        error = error.__cause__
    if stats:
        sys.stderr.write(stats)
    if "message" in FAULTS:
        chain[-1] += " (changed)"
    sys.stderr.write("error: " + chain[0] + "\n" + "".join(f"  caused by: {c}\n" for c in chain[1:]))
    sys.exit(1)


FAULTS = set()


def main(argv):
    import os
    import numpy as np
    import numcodecs_wasm
    FAULTS.update(filter(None, os.environ.get("CODEC_SHIM_FAULT", "").split(",")))
    if len(argv) < 3 or argv[0] != "codec":
        sys.stderr.write("usage: codec-reference-cli.py codec CODEC.wasm info|encode|decode ...\n")
        return 2
    path, command, rest = Path(argv[1]), argv[2], argv[3:]
    options, positional = {}, []
    flags = {"--stats"}
    index = 0
    while index < len(rest):
        if rest[index] in flags:
            options[rest[index]] = True
            index += 1
        elif rest[index].startswith("-"):
            options[rest[index]] = rest[index + 1]
            index += 2
        else:
            positional.append(rest[index])
            index += 1
    config_text = options.get("--config", "{}")
    cls = load(path, config_text)
    try:
        codec = cls.__new__(cls, **json.loads(config_text))  # as the differential test does
    except Exception as error:  # noqa: BLE001
        fail(error)
    constructed = int(numcodecs_wasm.read_codec_instruction_counter(codec))
    if command == "info":
        print(json.dumps({"id": cls.codec_id, "config": codec.get_config(), "schema": cls.__schema__}))
        return 0
    data = np.load(positional[0], allow_pickle=False)
    out = None
    try:
        if command == "encode":
            result = codec.encode(data)
        elif "--into-dtype" in options:
            shape = [int(n) for n in options["--into-shape"].split(",") if n]
            out = np.empty(shape, dtype=np.dtype(options["--into-dtype"]))
            result = codec.decode(data, out=out)
        else:
            result = codec.decode(data)
    except Exception as error:  # noqa: BLE001
        used = int(numcodecs_wasm.read_codec_instruction_counter(codec)) - constructed
        fail(error, f"construction: {constructed} instructions\n{command}: {used} instructions\n"
             if "--stats" in options else None)
    used = int(numcodecs_wasm.read_codec_instruction_counter(codec)) - constructed
    result = np.array(result, order="C", copy=True)
    if "bytes" in FAULTS and result.nbytes:
        result.reshape(-1).view(np.uint8)[0] ^= 1
    if "count" in FAULTS:
        used += 1
    np.save(options["-o"], result, allow_pickle=False)
    if "--stats" in options:
        sys.stderr.write(f"construction: {constructed} instructions\n{command}: {used} instructions\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
