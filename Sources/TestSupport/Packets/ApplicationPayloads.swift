/// Small application payloads for background traffic: DNS messages (RFC 1035) and HTTP/1.1 text.
public enum ApplicationPayload {
    /// DNS query with one question (class IN), recursion desired.
    public static func dnsQuery(id: UInt16, name: String, type: UInt16 = 1) -> [UInt8] {
        var writer = ByteWriter()
        writer.be16(id)
        writer.be16(0x0100)  // RD
        writer.be16(1)  // QDCOUNT
        writer.be16(0)
        writer.be16(0)
        writer.be16(0)
        writer.append(encodedName(name))
        writer.be16(type)
        writer.be16(1)
        return writer.bytes
    }

    /// DNS response answering `name` with one A record (type 1) or AAAA record (type 28) per address.
    public static func dnsResponse(
        id: UInt16, name: String, type: UInt16 = 1, addresses: [[UInt8]],
        ttl: UInt32 = 300
    ) -> [UInt8] {
        var writer = ByteWriter()
        writer.be16(id)
        writer.be16(0x8180)  // QR, RD, RA, no error
        writer.be16(1)
        writer.be16(UInt16(addresses.count))
        writer.be16(0)
        writer.be16(0)
        writer.append(encodedName(name))
        writer.be16(type)
        writer.be16(1)
        for address in addresses {
            writer.be16(0xC00C)  // pointer to the question name
            writer.be16(type)
            writer.be16(1)
            writer.be32(ttl)
            writer.be16(UInt16(address.count))
            writer.append(address)
        }
        return writer.bytes
    }

    static func encodedName(_ name: String) -> [UInt8] {
        var out: [UInt8] = []
        for label in name.split(separator: ".") {
            let bytes = Array(label.utf8)
            out.append(UInt8(truncatingIfNeeded: bytes.count))
            out.append(contentsOf: bytes)
        }
        out.append(0)
        return out
    }

    public static func httpGet(host: String, path: String = "/") -> [UInt8] {
        Array("GET \(path) HTTP/1.1\r\nHost: \(host)\r\nUser-Agent: Mozilla/5.0\r\nAccept: */*\r\n\r\n".utf8)
    }

    public static func httpResponse(body: String) -> [UInt8] {
        let bodyBytes = Array(body.utf8)
        let head =
            "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=UTF-8\r\nContent-Length: \(bodyBytes.count)\r\n"
            + "Connection: close\r\n\r\n"
        return Array(head.utf8) + bodyBytes
    }
}
