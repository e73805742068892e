/// Sees the bytes of a capture file as the record shortcuts read them from the disk (`pread` into their buffers),
/// with each piece's offset in the file: what lets `scan` hash a file's content in the pass that analyses it
/// instead of reading it a second time. Pieces come in file order, may overlap what came before (a window read
/// again from a record's start), and stop where libpcap takes over; the observer reads what it missed itself.
/// Called on the thread that reads the file.
public protocol ByteObserver: AnyObject {
    func observe(_ bytes: UnsafeRawBufferPointer, at offset: Int)
}
