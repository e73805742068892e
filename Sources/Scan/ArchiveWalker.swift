import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// One regular file found under a scan root.
public struct ArchiveEntry: Sendable, Hashable {
    /// Absolute path, as the catalog keys it.
    public var path: String
    /// The root it was found under (absolute), and the path relative to it (the shard and merge key).
    public var root: String
    public var relativePath: String
    public var size: Int64
    /// Modification time, nanoseconds since the Unix epoch.
    public var mtimeNanos: Int64
}

/// Walks the scan roots recursively: regular files, and symbolic links to regular files. Links to directories
/// are not followed (no loops, no walking out of the archive); a folder that cannot be listed is reported, and
/// the walk goes on.
public enum ArchiveWalker {
    public struct Problem: Sendable, Hashable {
        public var path: String
        public var message: String
    }

    public struct Walk: Sendable {
        public var entries: [ArchiveEntry]
        public var problems: [Problem]
    }

    public static func walk(roots: [String], skip: Set<String> = []) -> Walk {
        var entries: [ArchiveEntry] = []
        var problems: [Problem] = []
        var seen = Set<String>()
        for given in roots {
            let root = absolute(given)
            var st = stat()
            guard stat(root, &st) == 0 else {
                problems.append(Problem(path: given, message: String(cString: strerror(errno))))
                continue
            }
            if (st.st_mode & S_IFMT) == S_IFDIR {
                walkDirectory(root, root: root, into: &entries, problems: &problems, skip: skip, seen: &seen)
            } else if (st.st_mode & S_IFMT) == S_IFREG {
                let parent = (root as NSString).deletingLastPathComponent
                if !skip.contains(root), seen.insert(root).inserted {
                    entries.append(entry(root, root: parent, st: st))
                }
            } else {
                problems.append(Problem(path: given, message: "neither a folder nor a regular file"))
            }
        }
        return Walk(entries: entries, problems: problems)
    }

    /// The path made absolute against the working directory, with `.`, `..` and repeated slashes resolved
    /// lexically (symbolic links kept, so that the names stay the ones the user gave).
    public static func absolute(_ path: String) -> String {
        var full = path
        if !path.hasPrefix("/") {
            let cwd = FileManager.default.currentDirectoryPath
            full = cwd + "/" + path
        }
        var parts: [Substring] = []
        for part in full.split(separator: "/") {
            if part == "." || part.isEmpty { continue }
            if part == ".." {
                if !parts.isEmpty { parts.removeLast() }
                continue
            }
            parts.append(part)
        }
        return "/" + parts.joined(separator: "/")
    }

    static func relative(_ path: String, to root: String) -> String {
        let prefix = root == "/" ? "/" : root + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }

    private static func entry(_ path: String, root: String, st: stat) -> ArchiveEntry {
        ArchiveEntry(
            path: path, root: root, relativePath: relative(path, to: root), size: Int64(st.st_size),
            mtimeNanos: Int64(st.st_mtim.tv_sec) &* 1_000_000_000 &+ Int64(st.st_mtim.tv_nsec))
    }

    private static func walkDirectory(
        _ dir: String, root: String, into entries: inout [ArchiveEntry],
        problems: inout [Problem], skip: Set<String>, seen: inout Set<String>
    ) {
        guard let handle = opendir(dir) else {
            problems.append(Problem(path: dir, message: "cannot list the folder: \(String(cString: strerror(errno)))"))
            return
        }
        var names: [String] = []
        while let e = readdir(handle) {
            let name = withUnsafeBytes(of: e.pointee.d_name) { raw -> String? in
                let bytes = raw.prefix { $0 != 0 }
                return String(validating: bytes, as: UTF8.self)
            }
            guard let name else {
                problems.append(Problem(path: dir, message: "a name in this folder is not valid UTF-8: skipped"))
                continue
            }
            if name == "." || name == ".." { continue }
            names.append(name)
        }
        closedir(handle)
        for name in names.sorted() {
            let path = dir == "/" ? "/" + name : dir + "/" + name
            if skip.contains(path) { continue }
            var st = stat()
            guard lstat(path, &st) == 0 else {
                problems.append(Problem(path: path, message: String(cString: strerror(errno))))
                continue
            }
            switch st.st_mode & S_IFMT {
            case S_IFDIR:
                walkDirectory(path, root: root, into: &entries, problems: &problems, skip: skip, seen: &seen)
            case S_IFREG:
                if seen.insert(path).inserted { entries.append(entry(path, root: root, st: st)) }
            case S_IFLNK:
                var target = stat()
                if stat(path, &target) == 0, (target.st_mode & S_IFMT) == S_IFREG, seen.insert(path).inserted {
                    entries.append(entry(path, root: root, st: target))
                }
            default:
                continue  // sockets, FIFOs, devices: never read (a FIFO would block the scan)
            }
        }
    }
}
