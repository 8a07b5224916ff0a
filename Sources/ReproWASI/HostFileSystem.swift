// Everything the WASI layer asks of the host's file system, in one place: listing, reading and
// (for writable preopens) mirroring changes. The rest of the layer works on the in-memory tree in
// FileSystem.swift and never sees a host path outside a preopen: callers build every path here
// from a preopen's host directory and names the guest's path resolution already checked.

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// What a host directory entry is, as far as WASI cares.
enum HostEntryKind {
    case file, directory, symlink
}

/// Host file-system calls; each returns `nil`/`false` or throws `WASIErrno.io` on failure.
enum HostFileSystem {
    /// The kind of what `path` names, without following a final symbolic link; `nil` if nothing
    /// (or something that is neither file, directory nor link, such as a socket).
    static func kind(of path: String) -> HostEntryKind? {
        var info = stat()
        guard lstat(path, &info) == 0 else { return nil }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return .file
        case S_IFDIR: return .directory
        case S_IFLNK: return .symlink
        default: return nil
        }
    }

    /// Whether `path` is a directory, following symbolic links (for a preopen's own root).
    static func isDirectory(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR
    }

    /// The names in directory `path`, sorted by their bytes, without `.` and `..`.
    static func entries(of path: String) -> [String] {
        guard let directory = opendir(path) else { return [] }
        defer { closedir(directory) }
        var names: [String] = []
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names.sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    }

    /// The whole contents of file `path`.
    static func contents(of path: String) throws(WASIErrno) -> [UInt8] {
        // O_NOFOLLOW: the tree saw a file here; if a link has replaced it since, refuse rather than follow.
        let descriptor = open(path, O_RDONLY | O_NOFOLLOW)
        guard descriptor >= 0 else { throw .io }
        defer { close(descriptor) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = chunk.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            guard count >= 0 else { throw .io }
            if count == 0 { return bytes }
            bytes += chunk[0..<count]
        }
    }

    /// The target of symbolic link `path`.
    static func linkTarget(of path: String) -> String {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = buffer.withUnsafeMutableBytes {
            readlink(path, $0.baseAddress!.assumingMemoryBound(to: CChar.self), 4096)
        }
        return count > 0 ? String(decoding: buffer[0..<count], as: UTF8.self) : ""
    }

    /// Replaces file `path`'s contents with `bytes` (creating it).
    static func replaceContents(of path: String, with bytes: [UInt8]) throws(WASIErrno) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW, 0o644)
        guard descriptor >= 0 else { throw .io }
        defer { close(descriptor) }
        var offset = 0
        while offset < bytes.count {
            let count = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + offset, $0.count - offset) }
            guard count > 0 else { throw .io }
            offset += count
        }
    }

    static func makeDirectory(_ path: String) throws(WASIErrno) {
        guard mkdir(path, 0o755) == 0 else { throw .io }
    }

    static func removeFile(_ path: String) throws(WASIErrno) {
        guard unlink(path) == 0 else { throw .io }
    }

    static func removeDirectory(_ path: String) throws(WASIErrno) {
        guard rmdir(path) == 0 else { throw .io }
    }

    static func move(_ from: String, to: String) throws(WASIErrno) {
        guard rename(from, to) == 0 else { throw .io }
    }

    static func makeSymlink(_ path: String, target: String) throws(WASIErrno) {
        guard symlink(target, path) == 0 else { throw .io }
    }

    static func makeLink(_ path: String, to existing: String) throws(WASIErrno) {
        guard link(existing, path) == 0 else { throw .io }
    }
}
