#!/usr/bin/env python3
"""Add wasm3 and wasmtime timings to the harness's results.

Reads the JSON that `reprowasm-bench` wrote (default Benchmarks/results/latest.json), runs the same
call workloads with the same arguments in:

  wasm3            pywasm3 (a threaded-code interpreter; no SIMD in the 0.5.0 release on PyPI)
  wasmtime         wasmtime's default configuration (Cranelift JIT)
  wasmtime-pulley  wasmtime's Pulley interpreter (target "pulley64") with fuel metering on

and the load time of large.wasm, then adds them under each workload's "engines" in the same JSON and
prints a table. Like the Swift harness: a fresh instance per repetition (instantiation not timed),
the engines interleaved repetition by repetition, medians with min-max. These engines run in this
Python process, after the Swift one, so compare their columns with ReproWasm's as "same machine, a
few minutes apart", not as the interleaved comparison the harness does with WasmKit.

    pip install wasmtime pywasm3
    python3 Benchmarks/scripts/others.py [--json PATH] [--repetitions N] [--filter TEXT]
                                         [--engines wasm3,wasmtime,wasmtime-pulley]

Exit status 1 if an engine returns a value other than expected.tsv's; an engine that cannot run a
workload at all (wasm3 on SIMD) is reported as unsupported and does not fail the run.
"""

import argparse
import json
import math
import os
import statistics
import struct
import sys
import time

BENCHMARKS = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
WASM = os.path.join(BENCHMARKS, "Workloads", "wasm")
FUEL = 1 << 62


class Unsupported(Exception):
    """The engine cannot run this module at all (as opposed to a wrong result or a trap)."""


def result_text(value, type_name):
    """TYPE:VALUE as expected.tsv writes it: integers signed, floats as bit patterns."""
    if type_name == "i32":
        return "i32:%d" % struct.unpack("<i", struct.pack("<I", value & 0xFFFFFFFF))[0]
    if type_name == "i64":
        return "i64:%d" % struct.unpack("<q", struct.pack("<Q", value & 0xFFFFFFFFFFFFFFFF))[0]
    if type_name == "f32":
        return "f32:0x%08x" % struct.unpack("<I", struct.pack("<f", value))[0]
    if type_name == "f64":
        return "f64:0x%016x" % struct.unpack("<Q", struct.pack("<d", value))[0]
    return "%s:%r" % (type_name, value)


def expected_type(expected):
    return expected.split(":", 1)[0] if expected else "i32"


class Wasm3:
    name = "wasm3"

    def __init__(self):
        import wasm3

        self.wasm3 = wasm3
        self.version = "pywasm3 " + wasm3.M3_VERSION

    def prepare(self, bytes_):
        return bytes_  # a wasm3 module can be loaded into one runtime only: parse per repetition

    def call(self, prepared, export, arguments, type_name):
        env = self.wasm3.Environment()
        runtime = env.new_runtime(1 << 20)
        try:
            module = env.parse_module(prepared)
            runtime.load(module)
            function = runtime.find_function(export)
        except Exception as error:  # e.g. "unknown value_type" for v128
            raise Unsupported(str(error))
        start = time.perf_counter_ns()
        try:
            value = function(*arguments)
        except RuntimeError as error:
            # wasm3 compiles a function on its first call: a compile error ("unknown value_type" for
            # v128) surfaces here; real traps say "[trap] ...".
            if "[trap]" in str(error):
                raise
            raise Unsupported(str(error))
        elapsed = time.perf_counter_ns() - start
        return elapsed, result_text(value, type_name), None

    def load(self, bytes_):
        env = self.wasm3.Environment()
        runtime = env.new_runtime(1 << 20)
        start = time.perf_counter_ns()
        module = env.parse_module(bytes_)
        parsed = time.perf_counter_ns()
        runtime.load(module)  # wasm3 compiles each function on its first call
        end = time.perf_counter_ns()
        return end - start, {"parse": parsed - start, "load": end - parsed}


class Wasmtime:
    def __init__(self, pulley):
        import wasmtime

        self.wasmtime = wasmtime
        self.pulley = pulley
        self.name = "wasmtime-pulley" if pulley else "wasmtime"
        config = wasmtime.Config()
        if pulley:
            config.target = "pulley64"
            config.consume_fuel = True
        self.engine = wasmtime.Engine(config)
        self.version = "wasmtime-py " + _package_version("wasmtime")

    def prepare(self, bytes_):
        return self.wasmtime.Module(self.engine, bytes_)  # compiles every function (Cranelift or Pulley)

    def call(self, module, export, arguments, type_name):
        store = self.wasmtime.Store(self.engine)
        if self.pulley:
            store.set_fuel(FUEL)
        instance = self.wasmtime.Instance(store, module, [])
        function = instance.exports(store)[export]
        start = time.perf_counter_ns()
        value = function(store, *arguments)
        elapsed = time.perf_counter_ns() - start
        fuel = FUEL - store.get_fuel() if self.pulley else None
        return elapsed, result_text(value, type_name), fuel

    def load(self, bytes_):
        store = self.wasmtime.Store(self.engine)
        start = time.perf_counter_ns()
        module = self.wasmtime.Module(self.engine, bytes_)
        compiled = time.perf_counter_ns()
        if self.pulley:
            store.set_fuel(FUEL)
        self.wasmtime.Instance(store, module, [])
        end = time.perf_counter_ns()
        return end - start, {"compile": compiled - start, "instantiate": end - compiled}


def _package_version(name):
    try:
        from importlib.metadata import version

        return version(name)
    except Exception:
        return "unknown"


def make_engines(names):
    engines = []
    for name in names:
        try:
            if name == "wasm3":
                engines.append(Wasm3())
            elif name == "wasmtime":
                engines.append(Wasmtime(pulley=False))
            elif name == "wasmtime-pulley":
                engines.append(Wasmtime(pulley=True))
            else:
                sys.exit("others.py: unknown engine %s" % name)
        except Exception as error:  # a missing package or a build without Pulley
            print("others.py: skipping %s: %s" % (name, error), file=sys.stderr)
    return engines


def record(timings, result=None, failure=None, note=None, phases=None, fuel=None):
    entry = {"timingsNs": timings}
    if timings:
        entry.update(medianNs=int(statistics.median(timings)), minNs=min(timings), maxNs=max(timings))
    if result is not None:
        entry["result"] = result
    if failure is not None:
        entry["failure"] = failure
    if note is not None:
        entry["note"] = note
    if phases:
        entry["phasesNs"] = phases
    if fuel is not None:
        entry["fuelConsumed"] = fuel
    return entry


def run_call(workload, engines, repetitions):
    bytes_ = open(os.path.join(WASM, workload["module"] + ".wasm"), "rb").read()
    type_name = expected_type(workload.get("expected"))
    state = {}
    for engine in engines:
        try:
            state[engine.name] = {"prepared": engine.prepare(bytes_), "timings": [], "results": set(), "fuel": None}
        except Exception as error:
            state[engine.name] = {"failure": "unsupported: %s" % error, "unsupported": True}
    for _ in range(repetitions):
        for engine in engines:
            entry = state[engine.name]
            if "failure" in entry:
                continue
            try:
                elapsed, result, fuel = engine.call(
                    entry["prepared"], workload["export"], workload["arguments"], type_name
                )
            except Unsupported as error:
                entry["failure"], entry["unsupported"] = "unsupported: %s" % error, True
                continue
            except Exception as error:
                entry["failure"] = "trap: %s" % error
                continue
            entry["timings"].append(elapsed)
            entry["results"].add(result)
            entry["fuel"] = fuel
    return state


def run_load(workload, engines, repetitions):
    bytes_ = open(os.path.join(WASM, workload["module"] + ".wasm"), "rb").read()
    state = {engine.name: {"timings": [], "phases": {}} for engine in engines}
    for _ in range(repetitions):
        for engine in engines:
            entry = state[engine.name]
            if "failure" in entry:
                continue
            try:
                total, phases = engine.load(bytes_)
            except Exception as error:
                entry["failure"] = "load failed: %s" % error
                continue
            entry["timings"].append(total)
            for key, value in phases.items():
                entry["phases"].setdefault(key, []).append(value)
    return state


def milliseconds(ns):
    ms = ns / 1e6
    return "%.1f" % ms if ms >= 100 else "%.2f" % ms if ms >= 1 else "%.3f" % ms


def cell(entry):
    if not entry:
        return "-"
    timings = entry.get("timingsNs") or []
    if timings:
        return "%s (%s-%s)" % (milliseconds(entry["medianNs"]), milliseconds(entry["minNs"]), milliseconds(entry["maxNs"]))
    return (entry.get("failure") or "-")[:26]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", default=os.path.join(BENCHMARKS, "results", "latest.json"))
    parser.add_argument("--repetitions", type=int, help="default: the Swift run's")
    parser.add_argument("--filter", help="only workloads whose name contains this")
    parser.add_argument("--engines", default="wasm3,wasmtime,wasmtime-pulley")
    options = parser.parse_args()

    with open(options.json) as file:
        results = json.load(file)
    repetitions = options.repetitions or results["settings"]["repetitions"]
    engines = make_engines(options.engines.split(","))
    if not engines:
        sys.exit("others.py: no engine available (pip install wasmtime pywasm3)")

    failed = []
    for workload in results["workloads"]:
        workload.pop("othersNotes", None)  # from an earlier run of this script
        if options.filter and options.filter.lower() not in workload["name"].lower():
            continue
        if workload["kind"] == "wasi":
            continue  # WASI programs run in the Swift harness only (ReproWASI beside WasmKitWASI)
        if workload["kind"] == "load" and workload["name"] != "large (load)":
            continue  # one load row: these engines have no lazy/eager switch worth a second row
        print("%s ..." % workload["name"], file=sys.stderr)
        if workload["kind"] == "call":
            state = run_call(workload, engines, repetitions)
        else:
            state = run_load(workload, engines, repetitions)
        for engine in engines:
            entry = state[engine.name]
            results_seen = sorted(entry.get("results", []))
            new = record(
                entry.get("timings", []),
                result=results_seen[0] if results_seen else None,
                failure=entry.get("failure"),
                phases=entry.get("phases"),
                fuel=entry.get("fuel"),
                note="ran in scripts/others.py after the Swift harness, in its own process",
            )
            workload["engines"][engine.name] = new
            expected = workload.get("expected")
            problems = []
            if len(results_seen) > 1:
                problems.append("%s returned different values across repetitions: %s" % (engine.name, results_seen))
            if expected and results_seen and results_seen[0] != expected:
                problems.append("%s returned %s, expected.tsv says %s" % (engine.name, results_seen[0], expected))
            if entry.get("failure") and not entry.get("unsupported"):
                problems.append("%s: %s" % (engine.name, entry["failure"]))
            if problems:
                failed.append(workload["name"])
                print("!" * 72 + "\nMISMATCH or failure in %s:\n  %s\n" % (workload["name"], "\n  ".join(problems)) + "!" * 72,
                      file=sys.stderr)
                workload.setdefault("othersNotes", []).extend(problems)

    # Ratios of ReproWasm's median to each other engine's, and their geometric mean over scalar calls.
    names = [engine.name for engine in engines]
    summary = results["summary"].setdefault("others", {})
    for name in names:
        ratios = []
        for workload in results["workloads"]:
            ours = workload["engines"].get("ReproWasm", {}).get("medianNs")
            theirs = workload["engines"].get(name, {}).get("medianNs")
            if ours and theirs:
                workload.setdefault("ratiosToOthers", {})[name] = ours / theirs
                if workload["kind"] == "call" and workload["module"] != "dot_simd":
                    ratios.append(ours / theirs)
        summary[name] = {
            "version": next(engine.version for engine in engines if engine.name == name),
            "geometricMeanRatioReproWasmOverThis": math.exp(sum(map(math.log, ratios)) / len(ratios)) if ratios else None,
            "scalarWorkloadsInMean": len(ratios),
        }

    with open(options.json, "w") as file:
        json.dump(results, file, indent=2, sort_keys=True)
        file.write("\n")

    columns = ["ReproWasm", "WasmKit"] + names
    print("times in ms: median (min-max); %d repetition(s); ReproWasm and WasmKit from the Swift run" % repetitions)
    print("%-20s" % "workload" + "".join("%-28s" % name for name in columns) + "".join(
        "%12s" % ("RW/" + name.replace("wasmtime-", "")) for name in names))
    for workload in results["workloads"]:
        if not any(name in workload["engines"] for name in names):
            continue
        line = "%-20s" % workload["name"] + "".join("%-28s" % cell(workload["engines"].get(name)) for name in columns)
        for name in names:
            ratio = workload.get("ratiosToOthers", {}).get(name)
            line += "%12s" % ("%.2f" % ratio if ratio else "-")
        print(line)
    for name in names:
        mean = summary[name]["geometricMeanRatioReproWasmOverThis"]
        print("geometric mean ReproWasm/%s over %d scalar workloads: %s (%s)" % (
            name, summary[name]["scalarWorkloadsInMean"], "%.2f" % mean if mean else "n/a", summary[name]["version"]))
    print("\nupdated %s" % options.json)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
