#!/usr/bin/env python3
"""Runs the WASI preview 1 test suite (WebAssembly/wasi-testsuite's prebuilt wasm32-wasip1 tests)
with repro-wasm.

Reads each test's JSON spec (args, env, root, exit_code, stdout, stderr; defaults when absent),
copies the fixture root into a fresh temporary directory (without leftover *.cleanup files),
preopens it writable as the guest's "/", and compares exit code, stdout and stderr. The bundled
runner needs Python 3.12; this one reads the same specs on 3.11.

usage: scripts/wasi-testsuite.py [SUITE_DIR] [--repro-wasm BINARY] [--fs host|memory] [--filter SUBSTRING] [-v]
--fs memory preopens the fixture root with --dir-mem (read from the host, changed only in memory)
instead of --dir-rw (changes mirrored to the temporary copy).
SUITE_DIR defaults to $WASI_TESTSUITE_DIR or ../shared/wasi-testsuite. Ends with the line
"N passed, N failed, N skipped"; exits 1 if any test failed.
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

# Tests not run, each with why. Empty means every preview 1 test runs.
SKIPS: dict[str, str] = {}

# Tests run with the virtual clock started later than the default 0 ns, each with why.
CLOCK_STARTS: dict[str, tuple[int, str]] = {
    name: (1_000_000_000, "the test subtracts 100-200 ns from a file time, which underflows in the test "
           "itself when files are stamped at the default clock start of 0")
    for name in ("fd_filestat_set", "path_filestat", "symlink_filestat")
}

# As the upstream runner: stdout and stderr are compared only when the spec gives them.
DEFAULTS = {"args": [], "env": {}, "root": None, "exit_code": 0}


def suites(root: Path):
    for manifest in sorted(root.rglob("manifest.json")):
        info = json.loads(manifest.read_text())
        if info.get("version", "wasm32-wasip1") != "wasm32-wasip1":
            continue
        yield info.get("name", manifest.parent.name), manifest.parent


def copy_root(source: Path, target: Path):
    shutil.copytree(source, target, symlinks=True)
    for path in sorted(target.rglob("*"), reverse=True):
        if path.name.endswith(".cleanup"):
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path)
            else:
                path.unlink()
    # The shared copy is read-only; the guest writes into this one.
    for directory, _, files in os.walk(target):
        os.chmod(directory, 0o755)
        for name in files:
            path = os.path.join(directory, name)
            if not os.path.islink(path):
                os.chmod(path, 0o644)


def run_test(binary: str, wasm: Path, spec: dict, timeout: float, file_system: str):
    with tempfile.TemporaryDirectory(prefix="wasi-test-") as scratch:
        command = [binary, "run", str(wasm)]
        if wasm.stem in CLOCK_STARTS:
            command += ["--clock-start", str(CLOCK_STARTS[wasm.stem][0])]
        if spec["root"] is not None:
            root = Path(scratch) / "root"
            copy_root(wasm.parent / spec["root"], root)
            command += ["--dir-rw" if file_system == "host" else "--dir-mem", f"{root}::/"]
        for name, value in spec["env"].items():
            command += ["--env", f"{name}={value}"]
        command += ["--", *spec["args"]]
        try:
            result = subprocess.run(command, capture_output=True, timeout=timeout, stdin=subprocess.DEVNULL)
        except subprocess.TimeoutExpired:
            return ["timed out"]
    problems = []
    if result.returncode != spec["exit_code"]:
        problems.append(f"exit code {result.returncode}, expected {spec['exit_code']}")
    for stream in ("stdout", "stderr"):
        if stream not in spec:
            continue
        got = getattr(result, stream).decode(errors="replace")
        if got != spec[stream]:
            problems.append(f"{stream} {got!r}, expected {spec[stream]!r}")
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    here = Path(__file__).resolve().parent.parent
    parser.add_argument("suite", nargs="?", default=os.environ.get(
        "WASI_TESTSUITE_DIR", str(here.parent / "shared" / "wasi-testsuite")))
    parser.add_argument("--repro-wasm", default=str(here / ".build" / "release" / "repro-wasm"))
    parser.add_argument("--fs", choices=["host", "memory"], default="host")
    parser.add_argument("--filter", default="")
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("-v", "--verbose", action="store_true")
    options = parser.parse_args()

    passed = failed = skipped = 0
    for name, directory in suites(Path(options.suite) / "tests"):
        for wasm in sorted(directory.glob("*.wasm")):
            test = f"{name}/{wasm.stem}"
            if options.filter not in test:
                continue
            if wasm.stem in SKIPS:
                print(f"SKIP {test}: {SKIPS[wasm.stem]}")
                skipped += 1
                continue
            if wasm.stem in CLOCK_STARTS:
                print(f"NOTE {test}: clock starts at {CLOCK_STARTS[wasm.stem][0]} ns: {CLOCK_STARTS[wasm.stem][1]}")
            spec = dict(DEFAULTS)
            spec_path = wasm.with_suffix(".json")
            if spec_path.exists():
                spec.update(json.loads(spec_path.read_text()))
            problems = run_test(options.repro_wasm, wasm, spec, options.timeout, options.fs)
            if problems:
                failed += 1
                print(f"FAIL {test}: " + "; ".join(problems))
            else:
                passed += 1
                if options.verbose:
                    print(f"ok   {test}")
    print(f"{passed} passed, {failed} failed, {skipped} skipped")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
