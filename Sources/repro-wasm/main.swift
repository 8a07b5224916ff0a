import ReproWasm

print("repro-wasm")
