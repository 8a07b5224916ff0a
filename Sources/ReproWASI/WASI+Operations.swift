import ReproWasm

// The work behind the preview 1 functions, on descriptors and the in-memory trees.
extension WASI {
    // MARK: Arguments and environment

    func writeStrings(_ strings: [[UInt8]], _ memory: GuestMemory, pointers: UInt32, buffer: UInt32) throws(WASIErrno) {
        var offset = buffer
        for (index, string) in strings.enumerated() {
            try memory.store(offset, at: pointers &+ UInt32(index * 4))
            try memory.write(string + [0], at: offset)
            offset &+= UInt32(string.count + 1)
        }
    }

    func writeSizes(_ strings: [[UInt8]], _ memory: GuestMemory, count: UInt32, size: UInt32) throws(WASIErrno) {
        try memory.store(UInt32(strings.count), at: count)
        try memory.store(UInt32(strings.reduce(0) { $0 + $1.count + 1 }), at: size)
    }

    func randomFill(_ memory: GuestMemory, at offset: UInt32, count: UInt32) throws(WASIErrno) {
        guard UInt64(offset) + UInt64(count) <= UInt64(memory.memory.byteCount) else { throw .fault }
        memory.memory.withUnsafeMutableBytes { bytes in
            fillRandom(UnsafeMutableRawBufferPointer(rebasing: bytes[Int(offset)..<Int(offset) + Int(count)]))
        }
    }

    // MARK: Descriptors

    func descriptor(_ fd: UInt32) throws(WASIErrno) -> Descriptor {
        guard let descriptor = descriptors[fd] else { throw .badFileDescriptor }
        return descriptor
    }

    /// The regular file open as `fd`, which must hold `rights`.
    func file(_ fd: UInt32, rights: UInt64) throws(WASIErrno) -> Node {
        let descriptor = try descriptor(fd)
        guard let node = descriptor.node else { throw rights & Rights.fdSeek != 0 ? .invalidSeek : .badFileDescriptor }
        if node.kind == .directory {
            throw rights & (Rights.fdRead | Rights.fdWrite) != 0 ? .isDirectory : .badFileDescriptor
        }
        try descriptor.require(rights)
        return node
    }

    /// The lowest free descriptor number.
    func allocateDescriptor(_ descriptor: Descriptor) -> UInt32 {
        var fd: UInt32 = 0
        while descriptors[fd] != nil { fd += 1 }
        descriptors[fd] = descriptor
        return fd
    }

    func fdstat(_ fd: UInt32, _ memory: GuestMemory, at offset: UInt32) throws(WASIErrno) {
        let descriptor = try descriptor(fd)
        try memory.write([UInt8](repeating: 0, count: Layout.fdstatSize), at: offset)
        try memory.store(descriptor.node?.fileType ?? FileType.characterDevice, at: offset)
        try memory.store(descriptor.flags, at: offset &+ 2)
        try memory.store(descriptor.rightsBase, at: offset &+ 8)
        try memory.store(descriptor.rightsInheriting, at: offset &+ 16)
    }

    /// Writes the `filestat` of `node` (a standard stream when `nil`).
    func filestat(of node: Node?, _ memory: GuestMemory, at offset: UInt32) throws(WASIErrno) {
        try memory.write([UInt8](repeating: 0, count: Layout.filestatSize), at: offset)
        guard let node else {
            try memory.store(FileType.characterDevice, at: offset &+ 16)
            try memory.store(UInt64(1), at: offset &+ 24)
            return
        }
        let size: UInt64 =
            switch node.kind {
            case .file: UInt64(try node.bytes().count)
            case .symlink: UInt64(node.target.count)
            case .directory: 4096
            }
        try memory.store(node.tree.device, at: offset)
        try memory.store(node.inode, at: offset &+ 8)
        try memory.store(node.fileType, at: offset &+ 16)
        try memory.store(node.linkCount, at: offset &+ 24)
        try memory.store(size, at: offset &+ 32)
        try memory.store(node.accessTime, at: offset &+ 40)
        try memory.store(node.modifyTime, at: offset &+ 48)
        try memory.store(node.changeTime, at: offset &+ 56)
    }

    func setTimes(_ node: Node, access: UInt64, modify: UInt64, flags: UInt32) throws(WASIErrno) {
        let flags = UInt16(truncatingIfNeeded: flags)
        guard flags & ~UInt16(15) == 0,
            flags & (TimeFlags.atime | TimeFlags.atimeNow) != TimeFlags.atime | TimeFlags.atimeNow,
            flags & (TimeFlags.mtime | TimeFlags.mtimeNow) != TimeFlags.mtime | TimeFlags.mtimeNow
        else { throw .invalid }
        guard node.tree.isWritable else { throw .readOnlyFileSystem }
        if flags & TimeFlags.atime != 0 { node.accessTime = access }
        if flags & TimeFlags.atimeNow != 0 { node.accessTime = clock.now }
        if flags & TimeFlags.mtime != 0 { node.modifyTime = modify }
        if flags & TimeFlags.mtimeNow != 0 { node.modifyTime = clock.now }
        node.changeTime = clock.now
    }

    func resize(_ node: Node, to size: UInt64) throws(WASIErrno) {
        guard size <= UInt64(Int32.max) else { throw .fileTooBig }
        try node.modifyBytes { bytes in
            if bytes.count > Int(size) {
                bytes.removeLast(bytes.count - Int(size))
            } else {
                bytes += repeatElement(0, count: Int(size) - bytes.count)
            }
        }
        touch(node)
    }

    func touch(_ node: Node) {
        node.modifyTime = clock.now
        node.changeTime = clock.now
    }

    func allocate(_ fd: UInt32, offset: UInt64, length: UInt64) throws(WASIErrno) {
        let node = try file(fd, rights: Rights.fdAllocate)
        let (end, overflow) = offset.addingReportingOverflow(length)
        guard !overflow, length > 0 else { throw .invalid }
        if end > UInt64(try node.bytes().count) { try resize(node, to: end) }
    }

    func sync(_ fd: UInt32, right: UInt64) throws(WASIErrno) {
        let descriptor = try descriptor(fd)
        guard let node = descriptor.node else { throw .invalid }
        try descriptor.require(right)
        if node.kind == .file { try node.flush() }
    }

    // MARK: Reading and writing

    /// Reads from `node` at `position` into the vectors; returns the count.
    func read(_ node: Node, at position: UInt64, into vectors: [(UInt32, UInt32)], _ memory: GuestMemory)
        throws(WASIErrno) -> Int
    {
        let bytes = try node.bytes()
        guard position < UInt64(bytes.count) else { return 0 }
        let wanted = vectors.reduce(0) { $0 + Int($1.1) }
        let end = min(bytes.count, Int(position) + wanted)
        node.accessTime = clock.now
        return try memory.scatter(Array(bytes[Int(position)..<end]), into: vectors)
    }

    /// Writes `bytes` into `node` at `position`, zero-filling any gap.
    func write(_ bytes: [UInt8], to node: Node, at position: UInt64) throws(WASIErrno) {
        let (end, overflow) = position.addingReportingOverflow(UInt64(bytes.count))
        guard !overflow, end <= UInt64(Int32.max) else { throw .fileTooBig }
        let start = Int(position)
        try node.modifyBytes { contents in
            if contents.count < start + bytes.count {
                contents += repeatElement(0, count: start + bytes.count - contents.count)
            }
            contents.replaceSubrange(start..<start + bytes.count, with: bytes)
        }
        touch(node)
    }

    func read(_ fd: UInt32, _ memory: GuestMemory, vectors offset: UInt32, count: UInt32) throws(WASIErrno) -> Int {
        let descriptor = try descriptor(fd)
        let vectors = try memory.vectors(at: offset, count: count)
        guard let node = descriptor.node else {
            guard descriptor.stream == .stdin else { throw .badFileDescriptor }
            try descriptor.require(Rights.fdRead)
            let wanted = vectors.reduce(0) { $0 + Int($1.1) }
            guard wanted > 0 else { return 0 }
            return try memory.scatter(stdin.read(wanted), into: vectors)
        }
        guard node.kind == .file else { throw .isDirectory }
        try descriptor.require(Rights.fdRead)
        let count = try read(node, at: descriptor.position, into: vectors, memory)
        descriptor.position += UInt64(count)
        return count
    }

    func write(_ fd: UInt32, _ memory: GuestMemory, vectors offset: UInt32, count: UInt32) throws(WASIErrno) -> Int {
        let descriptor = try descriptor(fd)
        let bytes = try memory.gather(try memory.vectors(at: offset, count: count))
        guard let node = descriptor.node else {
            try descriptor.require(Rights.fdWrite)
            switch descriptor.stream {
            case .stdout?: stdout.write(bytes)
            case .stderr?: stderr.write(bytes)
            default: throw .badFileDescriptor
            }
            return bytes.count
        }
        guard node.kind == .file else { throw .isDirectory }
        try descriptor.require(Rights.fdWrite)
        if descriptor.flags & FDFlags.append != 0 { descriptor.position = UInt64(try node.bytes().count) }
        try write(bytes, to: node, at: descriptor.position)
        descriptor.position += UInt64(bytes.count)
        return bytes.count
    }

    func seek(_ fd: UInt32, offset: Int64, whence: UInt32) throws(WASIErrno) -> UInt64 {
        let descriptor = try descriptor(fd)
        guard let node = descriptor.node else { throw .invalidSeek }
        guard node.kind == .file else { throw .badFileDescriptor }
        try descriptor.require(offset == 0 && whence == 1 ? Rights.fdTell : Rights.fdSeek)
        let base: Int64
        switch whence {
        case 0: base = 0
        case 1: base = Int64(descriptor.position)
        case 2: base = Int64(try node.bytes().count)
        default: throw .invalid
        }
        let (target, overflow) = base.addingReportingOverflow(offset)
        guard !overflow, target >= 0 else { throw .invalid }
        descriptor.position = UInt64(target)
        return descriptor.position
    }

    /// Writes directory entries from `cookie` on: `.`, `..`, then the names sorted by their bytes.
    /// The last entry is cut off when the buffer ends, as the ABI says.
    func readDirectory(_ fd: UInt32, _ memory: GuestMemory, buffer: UInt32, length: UInt32, cookie: UInt64)
        throws(WASIErrno) -> UInt32
    {
        let descriptor = try descriptor(fd)
        guard let node = descriptor.node, node.kind == .directory else { throw .notDirectory }
        try descriptor.require(Rights.fdReaddir)
        var entries: [([UInt8], Node)] = [
            ([UInt8(ascii: ".")], node), ([UInt8(ascii: "."), UInt8(ascii: ".")], node.parent ?? node),
        ]
        let children = node.children
        for name in node.sortedNames { entries.append((name, children[name]!)) }
        var output: [UInt8] = []
        var index = cookie
        while index < UInt64(entries.count) && output.count < Int(length) {
            let (name, entry) = entries[Int(index)]
            var record = [UInt8](repeating: 0, count: Layout.direntSize)
            Self.put(index + 1, into: &record, at: 0)
            Self.put(entry.inode, into: &record, at: 8)
            Self.put(UInt64(name.count), into: &record, at: 16)
            record[20] = entry.fileType
            output += record + name
            index += 1
        }
        let used = min(output.count, Int(length))
        try memory.write(Array(output.prefix(used)), at: buffer)
        return UInt32(used)
    }

    private static func put(_ value: UInt64, into bytes: inout [UInt8], at offset: Int) {
        for byte in 0..<8 where offset + byte < bytes.count {
            bytes[offset + byte] = UInt8(truncatingIfNeeded: value >> (8 * UInt64(byte)))
        }
    }

    // MARK: Paths

    /// Resolves `path` from directory descriptor `fd`, which must hold `rights`.
    func resolve(_ fd: UInt32, _ path: [UInt8], rights: UInt64, following: Bool) throws(WASIErrno) -> (
        Descriptor, WASIDirectory.Resolution
    ) {
        let descriptor = try descriptor(fd)
        guard let directory = descriptor.node, directory.kind == .directory else { throw .notDirectory }
        try descriptor.require(rights)
        return (descriptor, try directory.tree.resolve(path, from: directory, followingFinalLink: following))
    }

    /// The parent directory where a new entry goes, checking the tree may change.
    private func creationSite(_ resolution: WASIDirectory.Resolution) throws(WASIErrno) -> Node {
        guard resolution.node == nil else { throw .exists }
        guard let parent = resolution.parent else { throw .exists }
        guard parent.tree.isWritable else { throw .readOnlyFileSystem }
        return parent
    }

    func createDirectory(_ fd: UInt32, path: [UInt8]) throws(WASIErrno) {
        let (_, resolution) = try resolve(fd, path, rights: Rights.pathCreateDirectory, following: false)
        let parent = try creationSite(resolution)
        let node = Node(kind: .directory, tree: parent.tree)
        stamp(node)
        try parent.insert(node, named: resolution.name)
        touch(parent)
    }

    func symlink(target: [UInt8], at fd: UInt32, _ path: [UInt8]) throws(WASIErrno) {
        let (_, resolution) = try resolve(fd, path, rights: Rights.pathSymlink, following: false)
        guard !resolution.hasTrailingSlash || resolution.node != nil else { throw .noEntry }
        let parent = try creationSite(resolution)
        guard !target.isEmpty else { throw .noEntry }
        guard target.first != UInt8(ascii: "/") else { throw .notCapable }
        // A link written to the host is followed by other programs too, which do not resolve it inside
        // the preopen: on a mirrored tree its target must stay below the preopen's root as written.
        if parent.tree.mirrorsChanges && parent.tree.root.hostPath != nil {
            var depth = 0
            var ancestor = parent
            while let up = ancestor.parent {
                depth += 1
                ancestor = up
            }
            for component in target.split(separator: UInt8(ascii: "/")) {
                if component.elementsEqual("..".utf8) {
                    depth -= 1
                    if depth < 0 { throw .notCapable }
                } else if !component.elementsEqual(".".utf8) {
                    depth += 1
                }
            }
        }
        let node = Node(kind: .symlink, tree: parent.tree)
        node.target = target
        stamp(node)
        try parent.insert(node, named: resolution.name)
        touch(parent)
    }

    func link(from oldFD: UInt32, _ oldPath: [UInt8], following: Bool, to newFD: UInt32, _ newPath: [UInt8])
        throws(WASIErrno)
    {
        let (_, old) = try resolve(oldFD, oldPath, rights: Rights.pathLinkSource, following: following)
        guard let node = old.node else { throw .noEntry }
        guard node.kind != .directory else { throw .permission }
        guard !old.hasTrailingSlash else { throw .notDirectory }
        let (_, new) = try resolve(newFD, newPath, rights: Rights.pathLinkTarget, following: false)
        guard !new.hasTrailingSlash || new.node != nil else { throw .noEntry }
        let parent = try creationSite(new)
        guard parent.tree === node.tree else { throw .crossDevice }
        if let path = parent.mirroredPath(for: new.name), let existing = node.hostPath {
            try node.flush()
            try HostFileSystem.makeLink(path, to: existing)
        }
        parent.storedChildren[new.name] = node
        node.linkCount += 1
        node.changeTime = clock.now
        touch(parent)
    }

    func unlinkFile(_ fd: UInt32, path: [UInt8]) throws(WASIErrno) {
        let (_, resolution) = try resolve(fd, path, rights: Rights.pathUnlinkFile, following: false)
        guard let node = resolution.node else { throw .noEntry }
        guard let parent = resolution.parent else { throw .isDirectory }
        guard node.kind != .directory else { throw .isDirectory }
        guard !resolution.hasTrailingSlash else { throw .notDirectory }
        guard parent.tree.isWritable else { throw .readOnlyFileSystem }
        try parent.remove(named: resolution.name)
        node.changeTime = clock.now
        touch(parent)
    }

    func removeDirectory(_ fd: UInt32, path: [UInt8]) throws(WASIErrno) {
        let (_, resolution) = try resolve(fd, path, rights: Rights.pathRemoveDirectory, following: false)
        guard let node = resolution.node else { throw .noEntry }
        guard let parent = resolution.parent else { throw resolution.name.count == 1 ? .invalid : .notEmpty }
        guard node.kind == .directory else { throw .notDirectory }
        guard node.children.isEmpty else { throw .notEmpty }
        guard parent.tree.isWritable else { throw .readOnlyFileSystem }
        guard node !== node.tree.root, !isOpenPreopen(node) else { throw .busy }
        try parent.remove(named: resolution.name)
        touch(parent)
    }

    private func isOpenPreopen(_ node: Node) -> Bool {
        descriptors.values.contains { $0.preopenName != nil && $0.node === node }
    }

    func rename(from oldFD: UInt32, _ oldPath: [UInt8], to newFD: UInt32, _ newPath: [UInt8]) throws(WASIErrno) {
        let (_, old) = try resolve(oldFD, oldPath, rights: Rights.pathRenameSource, following: false)
        let (_, new) = try resolve(newFD, newPath, rights: Rights.pathRenameTarget, following: false)
        guard let node = old.node else { throw .noEntry }
        guard let oldParent = old.parent, let newParent = new.parent else { throw .busy }
        guard oldParent.tree === newParent.tree else { throw .crossDevice }
        guard oldParent.tree.isWritable else { throw .readOnlyFileSystem }
        if node.kind != .directory && (old.hasTrailingSlash || new.hasTrailingSlash) { throw .notDirectory }
        if let existing = new.node {
            if existing === node { return }
            switch (node.kind == .directory, existing.kind == .directory) {
            case (true, false): throw .notDirectory
            case (false, true): throw .isDirectory
            case (true, true): guard existing.children.isEmpty else { throw .notEmpty }
            case (false, false): break
            }
        }
        if node.kind == .directory, node.isAncestor(of: newParent) { throw .invalid }
        try node.flush()
        let oldHostPath = oldParent.mirroredPath(for: old.name)
        let newHostPath = newParent.mirroredPath(for: new.name)
        if let oldHostPath, let newHostPath { try HostFileSystem.move(oldHostPath, to: newHostPath) }
        if let existing = new.node {
            newParent.storedChildren[new.name] = nil
            existing.linkCount -= 1
            if let newHostPath { existing.detachFromHost(at: newHostPath) }
        }
        oldParent.storedChildren[old.name] = nil
        newParent.storedChildren[new.name] = node
        if node.kind == .directory { node.parent = newParent }
        if let newHostPath { node.rebaseHostPaths(to: newHostPath) }
        node.changeTime = clock.now
        touch(oldParent)
        touch(newParent)
    }

    /// Gives a node the program just created the current time.
    private func stamp(_ node: Node) {
        node.accessTime = clock.now
        node.modifyTime = clock.now
        node.changeTime = clock.now
    }

    func open(
        _ fd: UInt32, _ path: [UInt8], following: Bool, openFlags: UInt16, rights: UInt64, inheriting: UInt64,
        flags: UInt16
    ) throws(WASIErrno) -> UInt32 {
        let (directory, resolution) = try resolve(fd, path, rights: Rights.pathOpen, following: following)
        let wantsDirectory = openFlags & OpenFlags.directory != 0
        var node: Node
        if let existing = resolution.node {
            if openFlags & OpenFlags.create != 0 && openFlags & OpenFlags.exclusive != 0 { throw .exists }
            node = existing
        } else {
            guard openFlags & OpenFlags.create != 0 else { throw .noEntry }
            try directory.require(Rights.pathCreateFile)
            guard !wantsDirectory, !resolution.hasTrailingSlash else { throw .isDirectory }
            let parent = try creationSite(resolution)
            node = Node(kind: .file, tree: parent.tree)
            stamp(node)
            try parent.insert(node, named: resolution.name)
            touch(parent)
        }
        switch node.kind {
        case .symlink: throw .loop
        case .directory:
            guard openFlags & (OpenFlags.truncate | OpenFlags.create) == 0 || resolution.node == nil else {
                throw openFlags & OpenFlags.truncate != 0 ? .isDirectory : .exists
            }
            guard rights & Rights.fdWrite == 0 else { throw .isDirectory }
        case .file:
            guard !wantsDirectory, !resolution.hasTrailingSlash else { throw .notDirectory }
            let writes = rights & (Rights.fdWrite | Rights.fdAllocate | Rights.fdFilestatSetSize) != 0
            if (writes || openFlags & OpenFlags.truncate != 0) && !node.tree.isWritable { throw .readOnlyFileSystem }
            if openFlags & OpenFlags.truncate != 0 {
                try directory.require(Rights.pathFilestatSetSize)
                try resize(node, to: 0)
            }
        }
        let mask = node.kind == .directory ? Rights.directory : Rights.file
        let opened = Descriptor(
            node: node, rights: rights & directory.rightsInheriting & mask,
            inheriting: inheriting & directory.rightsInheriting)
        opened.flags = flags & FDFlags.all
        return allocateDescriptor(opened)
    }

    // MARK: Polling

    /// Reports ready subscriptions. Reads and writes are always ready (nothing here blocks); when
    /// none was asked for, the clock jumps to the earliest timeout and those timers fire.
    func poll(_ memory: GuestMemory, subscriptions: UInt32, events: UInt32, count: UInt32) throws(WASIErrno) -> UInt32 {
        guard count > 0 else { throw .invalid }
        struct Event {
            var userdata: UInt64
            var error: WASIErrno = .success
            var type: UInt8
            var bytes: UInt64 = 0
            var deadline: UInt64? = nil
        }
        var all: [Event] = []
        for index in 0..<count {
            let base = subscriptions &+ index &* UInt32(Layout.subscriptionSize)
            let userdata = try memory.u64(base)
            let tag = try memory.u8(base &+ 8)
            switch tag {
            case EventType.clock:
                var event = Event(userdata: userdata, type: tag)
                let id = try memory.u32(base &+ 16)
                let timeout = try memory.u64(base &+ 24)
                let absolute = try memory.u16(base &+ 40) & EventType.absoluteTime != 0
                if id > ClockID.threadCPUTime {
                    event.error = .invalid
                } else if absolute {
                    event.deadline = timeout
                } else {
                    let (sum, overflow) = clock.now.addingReportingOverflow(timeout)
                    event.deadline = overflow ? .max : sum
                }
                all.append(event)
            case EventType.fdRead, EventType.fdWrite:
                var event = Event(userdata: userdata, type: tag)
                let fd = try memory.u32(base &+ 16)
                if let descriptor = descriptors[fd] {
                    if let node = descriptor.node, node.kind == .file, tag == EventType.fdRead {
                        let size = UInt64(try node.bytes().count)
                        event.bytes = size > descriptor.position ? size - descriptor.position : 0
                    } else if descriptor.node?.kind == .directory {
                        event.error = .badFileDescriptor
                    }
                } else {
                    event.error = .badFileDescriptor
                }
                all.append(event)
            default:
                throw .invalid
            }
        }
        var ready = all.filter { $0.deadline == nil || $0.deadline! <= clock.now }
        if ready.isEmpty {
            let earliest = all.compactMap(\.deadline).min()!
            clock.advance(to: earliest)
            ready = all.filter { $0.deadline.map { $0 <= earliest } ?? false }
        }
        for (index, event) in ready.enumerated() {
            let base = events &+ UInt32(index * Layout.eventSize)
            try memory.write([UInt8](repeating: 0, count: Layout.eventSize), at: base)
            try memory.store(event.userdata, at: base)
            try memory.store(event.error.rawValue, at: base &+ 8)
            try memory.store(event.type, at: base &+ 10)
            try memory.store(event.bytes, at: base &+ 16)
        }
        return UInt32(ready.count)
    }
}
