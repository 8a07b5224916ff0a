import ReproWasm

// wasi:filesystem: no preopened directories, so no descriptor ever exists. The methods are defined
// all the same, so components that import them link; none can be reached with a valid handle.
extension WASIPreview2 {
    /// The methods of `descriptor` in wasi:filesystem/types 0.2.6.
    static let descriptorMethods = [
        "read-via-stream", "write-via-stream", "append-via-stream", "advise", "sync-data", "get-flags", "get-type",
        "set-size", "set-times", "read", "write", "read-directory", "sync", "create-directory-at", "stat", "stat-at",
        "set-times-at", "link-at", "open-at", "readlink-at", "remove-directory-at", "rename-at", "symlink-at",
        "unlink-file-at", "is-same-object", "metadata-hash", "metadata-hash-at",
    ]

    func defineFilesystem(in imports: inout ComponentImports) {
        imports.define(.preopens, "get-directories") { _, _ in [.list([])] }
        // No `error` is ever made, so no error has a file-system error code.
        imports.define(.filesystemTypes, "filesystem-error-code") { _, _ in [.option(nil)] }
        for method in Self.descriptorMethods {
            imports.define(.filesystemTypes, "[method]descriptor.\(method)") { _, function in
                throw WASIPreview2Error(.noSuchResource("descriptor"), function: function)
            }
        }
        imports.define(.filesystemTypes, "[method]directory-entry-stream.read-directory-entry") { _, function in
            throw WASIPreview2Error(.noSuchResource("directory-entry-stream"), function: function)
        }
    }
}
