#if os(Linux)
    import Glibc
    import Testing

    @testable import ReproWasm

    /// The process's memory under modules that declare huge sizes, measured where nothing else runs:
    /// each test's body runs in a child process (a Swift Testing exit test). A failed check writes
    /// `check failed: …` to standard error and ends the child, which the parent records as an
    /// issue; a crash fails the test's expectation of a clean exit.
    ///
    /// Linux only: peak resident memory comes from `getrusage` and the address-space cap from
    /// `setrlimit(RLIMIT_AS)`, which makes the C allocator really fail.
    extension ResourceExhaustionTests {
        /// Records the checks the child reported as failed.
        private static func report(_ result: ExitTest.Result?, sourceLocation: SourceLocation = #_sourceLocation) {
            guard let result else { return }  // the child crashed: `#expect` recorded that
            let output = String(decoding: result.standardErrorContent, as: UTF8.self)
            for line in output.split(separator: "\n") where line.hasPrefix(ChildProcess.failurePrefix) {
                Issue.record("child process: \(line)", sourceLocation: sourceLocation)
            }
        }

        /// A memory of 65,536 pages (4 GiB, the default limit) and a table of 10,000,000 elements
        /// (80 MB, the default limit) are allocated zeroed by the system and never touched, so
        /// instantiating them adds little resident memory; a table of 2^32 - 1 elements and a
        /// function of 2^32 - 1 locals are refused without allocating; a million nested blocks (3 MB
        /// of body) cost the validator tens of bytes per level. Each step must add less than its
        /// bound to the resident size.
        @Test func declaredSizesCostAddressSpaceNotResidentMemory() async {
            let result = await #expect(processExitsWith: .success, observing: [\.standardErrorContent]) {
                try ChildProcess.check(growthBelow: 64 << 20, "a 4 GiB memory") {
                    let instance = try WasmModule().memory(min: 65_536, export: "memory").instantiate()
                    let memory = instance.memory(named: "memory")!
                    try memory.store(UInt32(7), at: memory.byteCount - 4)
                    guard try memory.load(UInt32.self, at: memory.byteCount - 4) == 7 else {
                        ChildProcess.fail("the memory's last word does not read back")
                    }
                    return instance
                }
                try ChildProcess.check(growthBelow: 64 << 20, "a 10,000,000-element table") {
                    let instance = try WasmModule().table(min: 10_000_000).export("table", .table, 0).instantiate()
                    guard instance.table(named: "table")?.count == 10_000_000 else {
                        ChildProcess.fail("the table has the wrong size")
                    }
                    return instance
                }
                try ChildProcess.check(growthBelow: 16 << 20, "claims of 2^32 - 1 table elements and locals") {
                    // Refused before anything is allocated for them: a link error and a decode error.
                    let store = Store()
                    guard (try? WasmModule().table(min: UInt64(UInt32.max)).instantiate(in: store)) == nil else {
                        ChildProcess.fail("a table of 2^32 - 1 elements was created")
                    }
                    let locals = WasmBytes.body(locals: [(UInt32.max, .i64)], Asm.end)
                    let bytes = ModuleBuilder().types([.void]).functions([0]).code([locals]).bytes
                    guard (try? Module(bytes: bytes)) == nil else { ChildProcess.fail("2^32 - 1 locals decoded") }
                    return store
                }
                try ChildProcess.check(growthBelow: 256 << 20, "a million nested blocks") {
                    var body: [UInt8] = Array(repeating: 0, count: 3_000_000)
                    for index in 0..<1_000_000 {
                        body[2 * index] = 0x02  // block
                        body[2 * index + 1] = 0x40  // with the empty block type
                    }
                    for index in 2_000_000..<3_000_000 { body[index] = 0x0B }
                    let store = Store()
                    try WasmModule().function(.void, export: "f", body: body).instantiate(in: store).call("f")
                    guard store.instructionCount == 2_000_001 else { ChildProcess.fail("wrong count") }
                    return store
                }
            }
            Self.report(result)
        }

        /// With the address space capped at 1 GiB more than the child uses, the C allocator fails
        /// for real: a 4 GiB memory the store's limits allow fails instantiation with a host
        /// resource error naming its bytes, `memory.grow` to 4 GiB traps with "host resource
        /// exhausted" instead of returning -1 (or stopping the process, as the standard library's
        /// allocator does), and the store goes on working.
        @Test func realAllocationFailureIsReported() async {
            let result = await #expect(processExitsWith: .success, observing: [\.standardErrorContent]) {
                let grower = try WasmModule()
                    .memory(min: 1, export: "memory")
                    .function(.i32ToI32, export: "grow", Asm.localGet(0), Asm.memoryGrow)
                    .module()
                let huge = try WasmModule().memory(min: 65_536).module()
                ChildProcess.capAddressSpace(extra: 1 << 30)

                let store = Store()
                do throws(InstantiationError) {
                    _ = try store.instantiate(huge)
                    ChildProcess.fail("a 4 GiB memory was allocated under a 1 GiB cap")
                } catch {
                    guard case .link(let error) = error, error.reason == .hostResourceExhausted(byteCount: 1 << 32)
                    else { ChildProcess.fail("instantiation failed with \(error)") }
                }
                let instance = try store.instantiate(grower)
                do {
                    _ = try instance.call("grow", .i32(65_535))
                    ChildProcess.fail("memory.grow to 4 GiB succeeded under a 1 GiB cap")
                } catch let trap as Trap {
                    guard trap.code == .hostResourceExhausted else { ChildProcess.fail("trapped with \(trap)") }
                }
                guard try instance.call("grow", .i32(1)) == [.i32(1)] else {
                    ChildProcess.fail("the store does not grow memory after the failure")
                }
            }
            Self.report(result)
        }

        /// Sections whose count claims 32 million entries in 5 bytes, followed by 32 MB of bytes
        /// that are no entries (0xFF): the decoder must fail on the first entry without reserving
        /// room for the claimed ones (16 to 64 bytes each, 0.5 to 2 GB), here under an address-space
        /// cap of 256 MiB. Counts are only bounded by the module's size, since reads may run past a
        /// section as the spec's decoder does.
        @Test func claimedCountsDoNotReserveMemory() async {
            let result = await #expect(processExitsWith: .success, observing: [\.standardErrorContent]) {
                let claimed = 32_000_000
                // 0x80 | … padding makes the count five bytes, the section's whole declared content.
                let count: [UInt8] = [
                    UInt8(claimed & 0x7F) | 0x80, UInt8(claimed >> 7 & 0x7F) | 0x80, UInt8(claimed >> 14 & 0x7F) | 0x80,
                    UInt8(claimed >> 21 & 0x7F) | 0x80, UInt8(claimed >> 28),
                ]
                let filler = [UInt8](repeating: 0xFF, count: claimed)
                let modules = [SectionID.type, .import, .code, .global, .export, .element, .data].map { id in
                    WasmBytes.header + [id.rawValue, 5] + count + filler
                }
                ChildProcess.capAddressSpace(extra: 256 << 20)
                for (position, bytes) in modules.enumerated() {
                    do throws(ModuleError) {
                        _ = try Module(bytes: bytes)
                        ChildProcess.fail("module \(position) decoded")
                    } catch .malformed {
                    } catch {
                        ChildProcess.fail("module \(position) failed with \(error)")
                    }
                }
            }
            Self.report(result)
        }
    }

    /// Checks for the bodies of exit tests, which run in a child process.
    enum ChildProcess {
        static let failurePrefix = "check failed: "

        /// Reports `message` on standard error and ends the child. Its exit status is success, because
        /// Swift Testing hands the parent the child's output only when the exit status is the
        /// expected one; the parent turns the message into an issue (see `report`).
        static func fail(_ message: String) -> Never {
            let line = Array("\(failurePrefix)\(message)\n".utf8)
            _ = line.withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
            exit(EXIT_SUCCESS)
        }

        /// The peak resident memory of this process so far, in bytes (`ru_maxrss` is in KiB on Linux).
        static var peakResidentBytes: Int {
            var usage = rusage()
            getrusage(RUSAGE_SELF.rawValue, &usage)
            return usage.ru_maxrss * 1024
        }

        /// The memory this process maps and the part of it that is resident now, in bytes
        /// (`/proc/self/statm`: sizes in pages, mapped first, resident second).
        static var mappedAndResidentBytes: (mapped: Int, resident: Int) {
            let file = open("/proc/self/statm", O_RDONLY)
            guard file >= 0 else { fail("cannot open /proc/self/statm") }
            var buffer = [UInt8](repeating: 0, count: 128)
            let length = read(file, &buffer, buffer.count)
            close(file)
            let fields = buffer[..<max(length, 0)].split(separator: 0x20).prefix(2).map {
                Int(String(decoding: $0, as: UTF8.self))
            }
            guard fields.count == 2, let mapped = fields[0], let resident = fields[1] else {
                fail("cannot read /proc/self/statm")
            }
            let page = sysconf(Int32(_SC_PAGESIZE))
            return (mapped * page, resident * page)
        }

        /// Runs `body`, keeping what it returns alive, and fails if that raised the resident memory
        /// by `bound` bytes or more: resident now, or the peak (which also sees what `body` freed
        /// again, but only above the earlier peak).
        static func check(growthBelow bound: Int, _ what: String, _ body: () throws -> Any) throws {
            let (peak, resident) = (peakResidentBytes, mappedAndResidentBytes.resident)
            let kept = try body()
            let growth = max(mappedAndResidentBytes.resident - resident, peakResidentBytes - peak)
            withExtendedLifetime(kept) {}
            if growth >= bound { fail("\(what): resident memory grew by \(growth) bytes (bound \(bound))") }
        }

        /// Caps the address space at what the process maps now plus `extra` bytes, so allocations
        /// beyond that fail.
        static func capAddressSpace(extra: Int) {
            let mapped = mappedAndResidentBytes.mapped
            var limit = rlimit(rlim_cur: rlim_t(mapped + extra), rlim_max: rlim_t(mapped + extra))
            guard setrlimit(__rlimit_resource_t(RLIMIT_AS.rawValue), &limit) == 0 else { fail("setrlimit failed") }
        }
    }
#endif
