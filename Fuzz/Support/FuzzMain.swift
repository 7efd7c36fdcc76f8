import CLibFuzzer
import Foundation

/// The `main` of every fuzz target: hands `body` to libFuzzer with the command line's flags
/// (`-max_total_time`, corpus folders…) and exits with libFuzzer's status.
///
/// ```swift
/// fuzzMain { data, size in fuzzJSON(data!, size) }
/// ```
public func fuzzMain(_ body: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> Never {
    var arguments: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
    var count = CommandLine.argc
    exit(LLVMFuzzerRunDriver(&count, &arguments, body))
}
