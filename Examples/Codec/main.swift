// The code of the DocC article Codecs.md ("Encode a NumPy file"), line for line between the markers
// (scripts/check-quickstart.sh compares them). CI builds it and does not run it, so a renamed API in
// the article breaks the build. Running it needs the codecs in ~/.cache/repro-wasm/codecs
// (scripts/fetch-codecs.sh, scripts/fetch-wasi-provider.py) and a data.npy in the working directory.

// codec-example-begin
import Foundation  // for reading and writing the files; the libraries do not use it
import ReproCodecs
import ReproWasm

let folder = NSHomeDirectory() + "/.cache/repro-wasm/codecs"
let host = CodecHost(wasi: try .provider(contentsOf: folder + "/wasi-sandboxed-merged.wasm"))
let zstd = try Codec(
    Component(contentsOf: folder + "/zstd.wasm"), configuration: #"{"level": 3}"#, host: host)
let construction = zstd.instructionCount  // instantiation, codec-id, the schema, from-config

let array = try CodecArray(npy: Array(try Data(contentsOf: URL(fileURLWithPath: "data.npy"))))
let encoded = try zstd.encode(array)  // a u8 array
print(zstd.instructionCount - construction)  // the encode's instructions
try Data(encoded.npyBytes()).write(to: URL(fileURLWithPath: "data.zstd.npy"))
// codec-example-end
