// The constants of the `wasi_snapshot_preview1` ABI (WASI's `witx` definitions), in one place.
// Values and layouts are the ABI's; names follow Swift conventions.

/// A WASI preview 1 error number (`errno`), the value every `wasi_snapshot_preview1` function
/// returns; `success` is 0.
///
///     let code: UInt16 = WASIErrno.notCapable.rawValue   // 76
public enum WASIErrno: UInt16, Error, Sendable {
    case success = 0
    case tooBig, access, addressInUse, addressNotAvailable, addressFamilyNotSupported, again
    case already, badFileDescriptor, badMessage, busy, canceled, child, connectionAborted, connectionRefused
    case connectionReset, deadlock, destinationAddressRequired, domain, quota, exists, fault, fileTooBig
    case hostUnreachable, identifierRemoved, illegalSequence, inProgress, interrupted, invalid, io
    case isConnected, isDirectory, loop, tooManyFiles, tooManyLinks, messageSize, multihop, nameTooLong
    case networkDown, networkReset, networkUnreachable, tooManyFilesInSystem, noBufferSpace, noDevice
    case noEntry, noExec, noLock, noLink, noMemory, noMessage, noProtocolOption, noSpace, noSystem
    case notConnected, notDirectory, notEmpty, notRecoverable, notSocket, notSupported, notTTY, noDeviceOrAddress
    case overflow, ownerDead, permission, pipe, protocolError, protocolNotSupported, protocolType, range
    case readOnlyFileSystem, invalidSeek, noProcess, stale, timedOut, textBusy, crossDevice, notCapable
}

/// Preview 1 `filetype` values.
enum FileType {
    static let unknown: UInt8 = 0
    static let characterDevice: UInt8 = 2
    static let directory: UInt8 = 3
    static let regularFile: UInt8 = 4
    static let symbolicLink: UInt8 = 7
}

/// Preview 1 `rights` bits.
enum Rights {
    static let fdDatasync: UInt64 = 1 << 0
    static let fdRead: UInt64 = 1 << 1
    static let fdSeek: UInt64 = 1 << 2
    static let fdFdstatSetFlags: UInt64 = 1 << 3
    static let fdSync: UInt64 = 1 << 4
    static let fdTell: UInt64 = 1 << 5
    static let fdWrite: UInt64 = 1 << 6
    static let fdAdvise: UInt64 = 1 << 7
    static let fdAllocate: UInt64 = 1 << 8
    static let pathCreateDirectory: UInt64 = 1 << 9
    static let pathCreateFile: UInt64 = 1 << 10
    static let pathLinkSource: UInt64 = 1 << 11
    static let pathLinkTarget: UInt64 = 1 << 12
    static let pathOpen: UInt64 = 1 << 13
    static let fdReaddir: UInt64 = 1 << 14
    static let pathReadlink: UInt64 = 1 << 15
    static let pathRenameSource: UInt64 = 1 << 16
    static let pathRenameTarget: UInt64 = 1 << 17
    static let pathFilestatGet: UInt64 = 1 << 18
    static let pathFilestatSetSize: UInt64 = 1 << 19
    static let pathFilestatSetTimes: UInt64 = 1 << 20
    static let fdFilestatGet: UInt64 = 1 << 21
    static let fdFilestatSetSize: UInt64 = 1 << 22
    static let fdFilestatSetTimes: UInt64 = 1 << 23
    static let pathSymlink: UInt64 = 1 << 24
    static let pathRemoveDirectory: UInt64 = 1 << 25
    static let pathUnlinkFile: UInt64 = 1 << 26
    static let pollFdReadwrite: UInt64 = 1 << 27
    static let sockShutdown: UInt64 = 1 << 28
    static let sockAccept: UInt64 = 1 << 29

    /// What a regular file descriptor may hold.
    static let file: UInt64 =
        fdDatasync | fdRead | fdSeek | fdFdstatSetFlags | fdSync | fdTell | fdWrite | fdAdvise | fdAllocate
        | fdFilestatGet | fdFilestatSetSize | fdFilestatSetTimes | pollFdReadwrite
    /// What a directory descriptor may hold as base rights.
    static let directory: UInt64 =
        fdFdstatSetFlags | fdSync | pathCreateDirectory | pathCreateFile | pathLinkSource | pathLinkTarget
        | pathOpen | fdReaddir | pathReadlink | pathRenameSource | pathRenameTarget | pathFilestatGet
        | pathFilestatSetSize | pathFilestatSetTimes | fdFilestatGet | fdFilestatSetTimes | pathSymlink
        | pathRemoveDirectory | pathUnlinkFile
    /// What a directory passes on to what is opened through it.
    static let directoryInheriting: UInt64 = directory | file
    /// The standard streams' rights.
    static let stream: UInt64 = fdRead | fdWrite | fdFdstatSetFlags | fdFilestatGet | pollFdReadwrite
    /// Rights that change the file system, taken from descriptors of a read-only preopen.
    static let mutating: UInt64 =
        fdDatasync | fdWrite | fdAllocate | pathCreateDirectory | pathCreateFile | pathLinkSource | pathLinkTarget
        | pathRenameSource | pathRenameTarget | pathFilestatSetSize | pathFilestatSetTimes | fdFilestatSetSize
        | fdFilestatSetTimes | pathSymlink | pathRemoveDirectory | pathUnlinkFile
}

/// Preview 1 `fdflags` bits.
enum FDFlags {
    static let append: UInt16 = 1
    static let dsync: UInt16 = 2
    static let nonblock: UInt16 = 4
    static let rsync: UInt16 = 8
    static let sync: UInt16 = 16
    static let all: UInt16 = 31
}

/// Preview 1 `oflags` bits.
enum OpenFlags {
    static let create: UInt16 = 1
    static let directory: UInt16 = 2
    static let exclusive: UInt16 = 4
    static let truncate: UInt16 = 8
}

/// Preview 1 `lookupflags`: follow a symbolic link in the last component.
let lookupSymlinkFollow: UInt32 = 1

/// Preview 1 `fstflags` bits.
enum TimeFlags {
    static let atime: UInt16 = 1
    static let atimeNow: UInt16 = 2
    static let mtime: UInt16 = 4
    static let mtimeNow: UInt16 = 8
}

/// Preview 1 `clockid` values.
enum ClockID {
    static let realtime: UInt32 = 0
    static let monotonic: UInt32 = 1
    static let processCPUTime: UInt32 = 2
    static let threadCPUTime: UInt32 = 3
}

/// Preview 1 `eventtype` values and `subclockflags`/`eventrwflags` bits.
enum EventType {
    static let clock: UInt8 = 0
    static let fdRead: UInt8 = 1
    static let fdWrite: UInt8 = 2
    static let absoluteTime: UInt16 = 1
}

/// Byte sizes and field offsets of the preview 1 structures the functions read or write.
enum Layout {
    static let iovecSize = 8  // buf: u32 @0, buf_len: u32 @4
    static let fdstatSize = 24  // filetype u8 @0, flags u16 @2, rights_base u64 @8, rights_inheriting u64 @16
    static let filestatSize = 64  // dev @0, ino @8, filetype u8 @16, nlink @24, size @32, atim @40, mtim @48, ctim @56
    static let direntSize = 24  // d_next @0, d_ino @8, d_namlen u32 @16, d_type u8 @20, then the name
    static let subscriptionSize = 48  // userdata @0, tag u8 @8, clock: id u32 @16, timeout @24, precision @32, flags u16 @40; fd @16
    static let eventSize = 32  // userdata @0, error u16 @8, type u8 @10, nbytes u64 @16, flags u16 @24
}
