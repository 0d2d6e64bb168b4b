import ArgumentParser
import TernCommandSupport
import TernCommands
import TernCore
import TernHTTP

/// tern-node's HTTP API options: where it listens (`--http`), who may use it (`--http-token-file`)
/// and what one request may carry (`--http-max-body`, `--http-max-attributes`, `--http-max-value`).
struct HTTPOptions: ParsableArguments, Sendable {
    /// The largest token file read: far more tokens than a rotation needs.
    static let maxTokenFileBytes = 64 << 10

    @Option(
        name: .customLong("http"),
        help: ArgumentHelp(
            "Where the HTTP session API listens; port 0 picks a free one. An address other than 127.0.0.1 or [::1] opens it to the network: give it --http-token-file too.",
            valueName: "addr:port"))
    var address = "127.0.0.1:8080"

    @Option(
        name: .customLong("http-token-file"),
        help: ArgumentHelp(
            "Bearer tokens, one per line (at least 16 characters of letters, digits and -._~+/=; a line of tern-node keygen is one). Every request but /healthz and /readyz must then send 'Authorization: Bearer TOKEN' with one of them, or is answered 401; several lines let tokens rotate without downtime. The file must not be open to group or others (chmod 600).",
            valueName: "path"),
        completion: .file())
    var tokenFile: String?

    @Option(
        name: .customLong("http-max-body"),
        help: ArgumentHelp(
            "The largest request body (4096, 64K, 1M: 1K to 64M); a larger one is answered 413 before it is read, when Content-Length announces it.",
            valueName: "size"))
    var maxBody = "1M"

    @Option(
        name: .customLong("http-max-attributes"),
        help: ArgumentHelp("The most attributes a session may hold after a write (1 to 65536); more is answered 413.", valueName: "count"))
    var maxAttributes = HTTPLimits.default.maxAttributes

    @Option(
        name: .customLong("http-max-value"),
        help: ArgumentHelp("The largest attribute value, as stored (1 to 16M); a larger one is answered 413.", valueName: "size"))
    var maxValue = "256K"

    /// Creates the defaults: 127.0.0.1:8080, no tokens, the limits of `HTTPLimits.default`.
    init() {}

    /// Rejects a malformed address or a limit out of range (exit 64).
    func validate() throws {
        let endpoint = try parseEndpoint(address, option: "--http", allowZero: true)
        if endpoint.host.isEmpty {
            throw ValidationError("--http \(address): name the address, such as 127.0.0.1:8080")
        }
        guard let body = ByteCount.parse(maxBody), (1024...(64 << 20)).contains(body) else {
            throw ValidationError("--http-max-body \(maxBody): expected a size from 1K to 64M")
        }
        guard (1...65_536).contains(maxAttributes) else {
            throw ValidationError("--http-max-attributes \(maxAttributes): expected a count from 1 to 65536")
        }
        guard let value = ByteCount.parse(maxValue), (1...(16 << 20)).contains(value) else {
            throw ValidationError("--http-max-value \(maxValue): expected a size from 1 to 16M")
        }
    }

    /// The address to listen on.
    func endpoint() throws -> Endpoint {
        try parseEndpoint(address, option: "--http", allowZero: true)
    }

    /// The request limits of the options.
    var limits: HTTPLimits {
        var limits = HTTPLimits.default
        limits.maxBodyBytes = ByteCount.parse(maxBody) ?? limits.maxBodyBytes
        limits.maxAttributes = maxAttributes
        limits.maxValueBytes = ByteCount.parse(maxValue) ?? limits.maxValueBytes
        return limits
    }

    /// The tokens of `--http-token-file`; nil without it, after the one-line warning for `tool` on
    /// stderr when `--http` is not a loopback address. Throws `ToolError`s: 78 for a file open to
    /// group or others, a bad line or no token; 66 for a missing file.
    func loadTokens(tool: String) throws -> BearerTokens? {
        guard let tokenFile else {
            if let endpoint = try? endpoint(), !Self.isLoopback(endpoint.host) {
                StandardError.line(Self.openNetworkWarning(tool: tool, address: address))
            }
            return nil
        }
        let bytes = try SecretFileReader.read(tokenFile, what: "token file", maxBytes: Self.maxTokenFileBytes)
        do {
            return BearerTokens(try BearerTokenFile.parse(String(decoding: bytes, as: UTF8.self)))
        } catch {
            throw ToolError(.config, "token file \(tokenFile): \(error)")
        }
    }

    /// The warning of a node whose HTTP API listens beyond this host without tokens.
    static func openNetworkWarning(tool: String, address: String) -> String {
        "\(tool): warning: --http \(address) without --http-token-file, so the HTTP API is open to the network "
            + "(anyone who reaches the port can read and write every session); give it --http-token-file FILE, "
            + "or listen on 127.0.0.1"
    }

    /// Whether `host` is this host only: `localhost`, 127.0.0.0/8 or ::1.
    static func isLoopback(_ host: String) -> Bool {
        if host == "localhost" || host == "::1" || host == "0:0:0:0:0:0:0:1" { return true }
        let octets = host.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets[0] == "127" && octets.allSatisfy { UInt8($0) != nil }
    }
}
