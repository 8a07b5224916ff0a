/// A directory tree a WASI program sees through a preopen: in memory, filled by the embedder, or
/// mapped from a host directory.
///
/// A host-mapped tree is read lazily (a directory's entries when first looked at, a file's bytes
/// when first read) and, when writable, mirrors changes to the host: creations, removals and
/// renames at once, a file's new contents when it is closed or synced or the run ends. Inode
/// numbers are given in the order nodes are first seen and file times come from the virtual clock,
/// so nothing about the host's metadata reaches the program. Every guest path is resolved inside the
/// tree (see `resolve`): `..` above the directory it starts from, absolute paths and symbolic links
/// that lead out are refused with `notCapable`.
///
///     let root = WASIDirectory()
///     try root.addDirectory(at: "data")
///     try root.addFile(at: "data/input.txt", contents: Array("hello".utf8))
///     let wasi = WASI(arguments: ["prog"], preopens: [WASIPreopen(guestPath: "/", directory: root)])
public final class WASIDirectory {
    /// Whether programs may change the tree.
    public let isWritable: Bool
    /// Whether a writable host-mapped tree writes changes back to the host (otherwise they stay in
    /// memory and the host directory is only read).
    public let mirrorsChanges: Bool
    var root: Node!
    private var nextInode: UInt64 = 1
    /// The device number the tree reports; set from the preopen's position when WASI links it.
    var device: UInt64 = 0
    /// The time nodes created by the embedder or read from the host get.
    var loadTime: UInt64 = 0

    /// An empty in-memory tree; `writable` (the default) lets programs change it.
    public init(writable: Bool = true) {
        isWritable = writable
        mirrorsChanges = false
        root = Node(kind: .directory, tree: self)
    }

    /// The host directory at `hostPath`, read-only unless `writable`.
    ///
    /// A writable tree mirrors changes to the host unless `mirrorsChanges` is `false`: then the
    /// program may change its view freely, the changes stay in memory, and the host directory is
    /// only ever read.
    /// - Throws: `WASIErrno.noEntry` if `hostPath` is not a directory.
    public init(hostPath: String, writable: Bool = false, mirrorsChanges: Bool = true) throws(WASIErrno) {
        guard HostFileSystem.isDirectory(hostPath) else { throw .noEntry }
        isWritable = writable
        self.mirrorsChanges = mirrorsChanges
        root = Node(kind: .directory, tree: self)
        root.hostPath = hostPath
        root.childrenLoaded = false
    }

    func makeInode() -> UInt64 {
        defer { nextInode += 1 }
        return nextInode
    }

    /// Adds a file at `path` (relative to the root; its directories must exist) with `contents`,
    /// replacing a file already there.
    public func addFile(at path: String, contents: [UInt8]) throws(WASIErrno) {
        let (parent, name) = try embedderParent(path)
        if let existing = parent.children[name] {
            guard existing.kind == .file else { throw .exists }
            existing.replaceBytes(contents)
            return
        }
        let node = Node(kind: .file, tree: self)
        node.storedBytes = contents
        try parent.insert(node, named: name)
    }

    /// Adds an empty directory at `path` (its parent must exist).
    public func addDirectory(at path: String) throws(WASIErrno) {
        let (parent, name) = try embedderParent(path)
        guard parent.children[name] == nil else { throw .exists }
        try parent.insert(Node(kind: .directory, tree: self), named: name)
    }

    /// Adds a symbolic link at `path` whose target is `target` (not checked: a link may dangle or
    /// point outside, and resolving it then fails inside the program).
    public func addSymlink(at path: String, target: String) throws(WASIErrno) {
        let (parent, name) = try embedderParent(path)
        guard parent.children[name] == nil else { throw .exists }
        let node = Node(kind: .symlink, tree: self)
        node.target = Array(target.utf8)
        try parent.insert(node, named: name)
    }

    /// The bytes of the file at `path` (following symbolic links inside the tree), or `nil` if
    /// there is none; how an embedder reads what a program wrote.
    public func contents(ofFileAt path: String) -> [UInt8]? {
        guard let found = try? resolve(Array(path.utf8), from: root, followingFinalLink: true).node,
            found.kind == .file
        else { return nil }
        return try? found.bytes()
    }

    /// The sorted names in the directory at `path` (`""` for the root), or `nil` if there is none.
    public func entries(ofDirectoryAt path: String) -> [String]? {
        let node: Node?
        if path.isEmpty {
            node = root
        } else {
            node = try? resolve(Array(path.utf8), from: root, followingFinalLink: true).node
        }
        guard let node, node.kind == .directory else { return nil }
        return node.sortedNames.map { String(decoding: $0, as: UTF8.self) }
    }

    private func embedderParent(_ path: String) throws(WASIErrno) -> (Node, [UInt8]) {
        let resolved = try resolve(Array(path.utf8), from: root, followingFinalLink: false)
        guard let parent = resolved.parent else { throw .invalid }
        return (parent, resolved.name)
    }

    /// Writes every changed file of a host-mapped tree back to the host.
    func flush() {
        root.flushTree()
    }

    // MARK: Path resolution

    /// Where a path led: the directory holding the last component, its name, and what is there.
    struct Resolution {
        /// The directory the last component is in; `nil` when the path ends in `.` or `..` (or is the
        /// start directory itself), which names `node` without a parent to change.
        var parent: Node?
        var name: [UInt8]
        var node: Node?
        var hasTrailingSlash: Bool
    }

    /// Resolves `path` relative to `start`, which is the sandbox: the walk never goes above it.
    ///
    /// Symbolic links in every component but the last are followed (at most 40 in all, else
    /// `loop`); the last is followed only if `followingFinalLink` or the path ends in `/`.
    /// Absolute paths, `..` above `start`, and links with absolute targets fail with `notCapable`;
    /// a missing directory on the way with `noEntry`, a file used as one with `notDirectory`.
    func resolve(_ path: [UInt8], from start: Node, followingFinalLink: Bool) throws(WASIErrno) -> Resolution {
        guard !path.isEmpty else { throw .noEntry }
        guard path.first != UInt8(ascii: "/") else { throw .notCapable }
        guard !path.contains(0) else { throw .illegalSequence }
        var pending = Self.components(of: path)
        var trailingSlash = path.last == UInt8(ascii: "/")
        var stack: [Node] = [start]
        var linksFollowed = 0
        while !pending.isEmpty {
            let component = pending.removeFirst()
            let isLast = pending.isEmpty
            let directory = stack[stack.count - 1]
            if component == [UInt8(ascii: ".")] || component == [UInt8(ascii: "."), UInt8(ascii: ".")] {
                if component.count == 2 {
                    guard stack.count > 1 else { throw .notCapable }
                    stack.removeLast()
                }
                if isLast {
                    return Resolution(
                        parent: nil, name: component, node: stack[stack.count - 1], hasTrailingSlash: true)
                }
                continue
            }
            guard component.count <= 255 else { throw .nameTooLong }
            let child = directory.children[component]
            if isLast {
                guard let child, child.kind == .symlink, followingFinalLink || trailingSlash else {
                    if let child, child.kind == .file, trailingSlash { throw .notDirectory }
                    return Resolution(parent: directory, name: component, node: child, hasTrailingSlash: trailingSlash)
                }
            }
            guard let child else { throw .noEntry }
            switch child.kind {
            case .directory:
                if isLast {
                    return Resolution(parent: directory, name: component, node: child, hasTrailingSlash: trailingSlash)
                }
                stack.append(child)
            case .file:
                throw .notDirectory
            case .symlink:
                linksFollowed += 1
                guard linksFollowed <= 40 else { throw .loop }
                guard !child.target.isEmpty else { throw .noEntry }
                guard child.target.first != UInt8(ascii: "/") else { throw .notCapable }
                if isLast && child.target.last == UInt8(ascii: "/") { trailingSlash = true }
                pending = Self.components(of: child.target) + pending
                if pending.isEmpty { pending = [[UInt8(ascii: ".")]] }
            }
        }
        // Only `start` itself is left (a path of slashes only).
        return Resolution(parent: nil, name: [UInt8(ascii: ".")], node: stack[stack.count - 1], hasTrailingSlash: true)
    }

    private static func components(of path: [UInt8]) -> [[UInt8]] {
        path.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: true).map(Array.init)
    }
}

/// A file, directory or symbolic link of a `WASIDirectory`.
final class Node {
    enum Kind {
        case file, directory, symlink
    }

    let kind: Kind
    let inode: UInt64
    unowned let tree: WASIDirectory
    /// The directory holding a directory (directories have one name; files may have several).
    weak var parent: Node?
    /// Where a host-mapped node lives on the host (its path of record for files with several names).
    var hostPath: String?
    var storedBytes: [UInt8] = []
    var bytesLoaded = true
    var storedChildren: [[UInt8]: Node] = [:]
    var childrenLoaded = true
    var target: [UInt8] = []
    /// Whether the bytes changed since they were last written to the host.
    var isDirty = false
    var linkCount: UInt64 = 1
    var accessTime: UInt64
    var modifyTime: UInt64
    var changeTime: UInt64

    init(kind: Kind, tree: WASIDirectory) {
        self.kind = kind
        self.tree = tree
        inode = tree.makeInode()
        accessTime = tree.loadTime
        modifyTime = tree.loadTime
        changeTime = tree.loadTime
    }

    var fileType: UInt8 {
        switch kind {
        case .file: FileType.regularFile
        case .directory: FileType.directory
        case .symlink: FileType.symbolicLink
        }
    }

    /// The directory's entries, read from the host the first time.
    var children: [[UInt8]: Node] {
        if !childrenLoaded { loadChildren() }
        return storedChildren
    }

    var sortedNames: [[UInt8]] {
        children.keys.sorted { $0.lexicographicallyPrecedes($1) }
    }

    private func loadChildren() {
        childrenLoaded = true
        guard let hostPath else { return }
        for name in HostFileSystem.entries(of: hostPath) {
            let path = hostPath + "/" + name
            let node: Node
            switch HostFileSystem.kind(of: path) {
            case .file?:
                node = Node(kind: .file, tree: tree)
                node.bytesLoaded = false
            case .directory?:
                node = Node(kind: .directory, tree: tree)
                node.childrenLoaded = false
                node.parent = self
            case .symlink?:
                node = Node(kind: .symlink, tree: tree)
                node.target = Array(HostFileSystem.linkTarget(of: path).utf8)
            case nil:
                continue
            }
            node.hostPath = path
            storedChildren[Array(name.utf8)] = node
        }
    }

    /// The file's bytes, read from the host the first time.
    func bytes() throws(WASIErrno) -> [UInt8] {
        if !bytesLoaded, let hostPath {
            storedBytes = try HostFileSystem.contents(of: hostPath)
            bytesLoaded = true
        }
        return storedBytes
    }

    /// Runs `body` on the file's bytes to change them, marking them for the host.
    func modifyBytes(_ body: (inout [UInt8]) -> Void) throws(WASIErrno) {
        _ = try bytes()
        body(&storedBytes)
        isDirty = hostPath != nil && tree.mirrorsChanges
    }

    func replaceBytes(_ bytes: [UInt8]) {
        storedBytes = bytes
        bytesLoaded = true
        isDirty = hostPath != nil && tree.mirrorsChanges
    }

    /// Writes changed bytes back to the host.
    func flush() throws(WASIErrno) {
        guard isDirty, let hostPath else { return }
        isDirty = false
        try HostFileSystem.replaceContents(of: hostPath, with: storedBytes)
    }

    func flushTree() {
        switch kind {
        case .file: try? flush()
        case .directory: for child in storedChildren.values { child.flushTree() }
        case .symlink: break
        }
    }

    /// The host path that changes to entry `name` of this directory are mirrored to: `nil` unless
    /// the tree is host-mapped and mirrors changes.
    func mirroredPath(for name: [UInt8]) -> String? {
        guard tree.mirrorsChanges else { return nil }
        return hostPath.map { $0 + "/" + String(decoding: name, as: UTF8.self) }
    }

    /// Adds `node` as entry `name`, creating it on the host too for a host-mapped tree.
    func insert(_ node: Node, named name: [UInt8]) throws(WASIErrno) {
        if let path = mirroredPath(for: name) {
            switch node.kind {
            case .directory: try HostFileSystem.makeDirectory(path)
            case .file: try HostFileSystem.replaceContents(of: path, with: node.storedBytes)
            case .symlink: try HostFileSystem.makeSymlink(path, target: String(decoding: node.target, as: UTF8.self))
            }
            node.hostPath = path
            node.isDirty = false
        }
        if node.kind == .directory { node.parent = self }
        _ = children
        storedChildren[name] = node
    }

    /// Removes entry `name` (here and on the host).
    func remove(named name: [UInt8]) throws(WASIErrno) {
        guard let node = children[name] else { throw .noEntry }
        if let path = mirroredPath(for: name) {
            if node.kind == .directory {
                try HostFileSystem.removeDirectory(path)
            } else {
                node.detachFromHost(at: path)
                try HostFileSystem.removeFile(path)
            }
        }
        storedChildren[name] = nil
        node.linkCount -= 1
    }

    /// Stops mirroring a file whose host path of record, `path`, is being removed or replaced, so a
    /// descriptor still open on it cannot write it back. (A file with other names keeps its changes
    /// in memory from then on.)
    func detachFromHost(at path: String) {
        guard kind == .file, hostPath == path else { return }
        _ = try? bytes()  // a descriptor still open on it reads what was there
        hostPath = nil
        isDirty = false
    }

    /// The host paths of this directory's loaded descendants after it moved to `path`.
    func rebaseHostPaths(to path: String) {
        hostPath = path
        guard kind == .directory else { return }
        for (name, child) in storedChildren {
            child.rebaseHostPaths(to: path + "/" + String(decoding: name, as: UTF8.self))
        }
    }

    /// Whether `self` is `other` or contains it.
    func isAncestor(of other: Node) -> Bool {
        var current: Node? = other
        while let node = current {
            if node === self { return true }
            current = node.parent
        }
        return false
    }
}
