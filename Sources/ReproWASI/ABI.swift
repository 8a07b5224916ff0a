// The constants of the `wasi_snapshot_preview1` ABI (WASI's `witx` definitions), in one place.
// Values and layouts are the ABI's; names follow Swift conventions.

/// A WASI preview 1 error number (`errno`), the value every `wasi_snapshot_preview1` function
/// returns; `success` is 0.
///
///     let code: UInt16 = WASIErrno.notCapable.rawValue   // 76
public enum WASIErrno: UInt16, Error, Sendable {
    /// No error.
    case success = 0
    /// Argument list too long (E2BIG).
    case tooBig = 1
    /// Permission denied.
    case access = 2
    /// Address in use.
    case addressInUse = 3
    /// Address not available.
    case addressNotAvailable = 4
    /// Address family not supported.
    case addressFamilyNotSupported = 5
    /// Resource unavailable, or operation would block.
    case again = 6
    /// Connection already in progress.
    case already = 7
    /// Bad file descriptor.
    case badFileDescriptor = 8
    /// Bad message.
    case badMessage = 9
    /// Device or resource busy.
    case busy = 10
    /// Operation canceled.
    case canceled = 11
    /// No child processes.
    case child = 12
    /// Connection aborted.
    case connectionAborted = 13
    /// Connection refused.
    case connectionRefused = 14
    /// Connection reset.
    case connectionReset = 15
    /// Resource deadlock would occur.
    case deadlock = 16
    /// Destination address required.
    case destinationAddressRequired = 17
    /// Mathematics argument out of domain of function.
    case domain = 18
    /// Reserved (EDQUOT).
    case quota = 19
    /// File exists.
    case exists = 20
    /// Bad address.
    case fault = 21
    /// File too large.
    case fileTooBig = 22
    /// Host is unreachable.
    case hostUnreachable = 23
    /// Identifier removed.
    case identifierRemoved = 24
    /// Illegal byte sequence.
    case illegalSequence = 25
    /// Operation in progress.
    case inProgress = 26
    /// Interrupted function.
    case interrupted = 27
    /// Invalid argument.
    case invalid = 28
    /// I/O error.
    case io = 29
    /// Socket is connected.
    case isConnected = 30
    /// Is a directory.
    case isDirectory = 31
    /// Too many levels of symbolic links.
    case loop = 32
    /// File descriptor value too large.
    case tooManyFiles = 33
    /// Too many links.
    case tooManyLinks = 34
    /// Message too large.
    case messageSize = 35
    /// Reserved (EMULTIHOP).
    case multihop = 36
    /// Filename too long.
    case nameTooLong = 37
    /// Network is down.
    case networkDown = 38
    /// Connection aborted by network.
    case networkReset = 39
    /// Network unreachable.
    case networkUnreachable = 40
    /// Too many files open in system.
    case tooManyFilesInSystem = 41
    /// No buffer space available.
    case noBufferSpace = 42
    /// No such device.
    case noDevice = 43
    /// No such file or directory.
    case noEntry = 44
    /// Executable file format error.
    case noExec = 45
    /// No locks available.
    case noLock = 46
    /// Reserved (ENOLINK).
    case noLink = 47
    /// Not enough space.
    case noMemory = 48
    /// No message of the desired type.
    case noMessage = 49
    /// Protocol not available.
    case noProtocolOption = 50
    /// No space left on device.
    case noSpace = 51
    /// Function not supported (ENOSYS).
    case noSystem = 52
    /// The socket is not connected.
    case notConnected = 53
    /// Not a directory or a symbolic link to a directory.
    case notDirectory = 54
    /// Directory not empty.
    case notEmpty = 55
    /// State not recoverable.
    case notRecoverable = 56
    /// Not a socket.
    case notSocket = 57
    /// Not supported, or operation not supported on socket.
    case notSupported = 58
    /// Inappropriate I/O control operation.
    case notTTY = 59
    /// No such device or address.
    case noDeviceOrAddress = 60
    /// Value too large to be stored in data type.
    case overflow = 61
    /// Previous owner died.
    case ownerDead = 62
    /// Operation not permitted.
    case permission = 63
    /// Broken pipe.
    case pipe = 64
    /// Protocol error.
    case protocolError = 65
    /// Protocol not supported.
    case protocolNotSupported = 66
    /// Protocol wrong type for socket.
    case protocolType = 67
    /// Result too large.
    case range = 68
    /// Read-only file system.
    case readOnlyFileSystem = 69
    /// Invalid seek (ESPIPE).
    case invalidSeek = 70
    /// No such process.
    case noProcess = 71
    /// Reserved (ESTALE).
    case stale = 72
    /// Connection timed out.
    case timedOut = 73
    /// Text file busy.
    case textBusy = 74
    /// Cross-device link.
    case crossDevice = 75
    /// Extension: capabilities insufficient (ENOTCAPABLE).
    case notCapable = 76
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
    // userdata @0, tag u8 @8, clock: id u32 @16, timeout @24, precision @32, flags u16 @40; fd @16
    static let subscriptionSize = 48
    static let eventSize = 32  // userdata @0, error u16 @8, type u8 @10, nbytes u64 @16, flags u16 @24
}
