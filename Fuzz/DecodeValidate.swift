// libFuzzer entry: decode and validate arbitrary bytes under the full feature set.
// Built by scripts/fuzz.sh together with the library's sources into one module.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDecodeValidate(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    _ = try? Module(bytes: bytes, features: .full)
    _ = try? Module(bytes: bytes, features: .deterministic)
    return 0
}
