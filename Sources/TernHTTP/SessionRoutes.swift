import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import TernCore

/// The session routes of docs/HTTP.md over a `SessionService`.
public struct SessionRoutes<Service: SessionService>: Sendable {
    /// The node behind the routes.
    public let service: Service
    /// What a request may carry.
    public let limits: HTTPLimits

    /// Routes over `service`, bounded by `limits`.
    public init(service: Service, limits: HTTPLimits = .default) {
        self.service = service
        self.limits = limits
    }

    /// Adds the routes under `/v1/contexts/{ctx}/sessions` to `router` (a router or a group of one).
    public func add(to router: some RouterMethods<BasicRequestContext>) {
        let sessions = router.group("v1/contexts/:context/sessions")
        sessions.post { request, context in try await create(request, context) }
        sessions.get { request, context in try await list(request, context) }
        sessions.get(":id") { _, context in try await read(context) }
        sessions.put(":id") { request, context in try await replace(request, context) }
        sessions.patch(":id") { request, context in try await patch(request, context) }
        sessions.delete(":id") { _, context in try await invalidate(context) }
    }

    // MARK: - Handlers

    private func create(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let ctx = try contextName(context)
        let body: SessionBody = try await decode(request, allowEmpty: true) ?? SessionBody()
        let attributes = try self.attributes(body.attributes ?? [:])
        let receipt = try await notFoundAsHTTP {
            try await service.create(context: ctx, attributes: attributes, maxInactiveSeconds: body.maxInactive)
        }
        guard let session = receipt.session else { throw HTTPError(.internalServerError) }
        var response = try write(receipt, status: .created)
        response.headers[.location] = "/v1/contexts/\(ctx)/sessions/\(session.key.id)"
        return response
    }

    private func read(_ context: BasicRequestContext) async throws -> Response {
        let key = try self.key(context)
        let session = try await notFoundAsHTTP { try await service.read(key) }
        var response = try json(SessionJSON(session), status: .ok)
        response.headers[HTTPField.Name.ternVersion] = VersionText.format(session.version)
        return response
    }

    private func replace(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let key = try self.key(context)
        let body: SessionBody = try await decode(request, allowEmpty: false) ?? SessionBody()
        let attributes = try self.attributes(body.attributes ?? [:])
        let receipt = try await notFoundAsHTTP {
            try await service.replace(key, attributes: attributes, maxInactiveSeconds: body.maxInactive)
        }
        return try write(receipt, status: .ok)
    }

    private func patch(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let key = try self.key(context)
        let body: PatchBody = try await decode(request, allowEmpty: false) ?? PatchBody()
        let set = try attributes(body.set ?? [:])
        let remove = body.remove ?? []
        guard remove.count <= limits.maxAttributes else {
            throw HTTPLimitError(.attributes, "more than \(limits.maxAttributes) names to remove")
        }
        for name in remove { try checkName(name, what: "attribute name") }
        let receipt = try await notFoundAsHTTP {
            try await attributeLimitAsHTTP {
                try await service.patch(
                    key, set: set, remove: remove, maxInactiveSeconds: body.maxInactive,
                    maxAttributes: limits.maxAttributes)
            }
        }
        return try write(receipt, status: .ok)
    }

    private func invalidate(_ context: BasicRequestContext) async throws -> Response {
        let key = try self.key(context)
        let receipt = try await notFoundAsHTTP { try await service.invalidate(key) }
        var response = Response(status: .noContent)
        addReceiptHeaders(receipt, to: &response)
        return response
    }

    private func list(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let ctx = try contextName(context)
        let query = request.uri.queryParameters
        var limit = 100
        if let text = query["limit"] {
            guard let value = Int(String(text)), value >= 1 else {
                throw HTTPError(.badRequest, message: "limit must be a whole number from 1 to \(limits.maxListLimit)")
            }
            limit = min(value, limits.maxListLimit)
        }
        let after = query["after"].map(String.init)
        let ids = await service.list(context: ctx, after: after, limit: limit)
        return try json(SessionListJSON(context: ctx, ids: ids, next: ids.count == limit ? ids.last : nil), status: .ok)
    }

    // MARK: - Parts

    private func contextName(_ context: BasicRequestContext) throws -> String {
        let name = try context.parameters.require("context")
        try checkName(name, what: "context", limit: limits.maxKeyBytes)
        return name
    }

    private func key(_ context: BasicRequestContext) throws -> SessionKey {
        let id = try context.parameters.require("id")
        try checkName(id, what: "session id", limit: limits.maxKeyBytes)
        return SessionKey(context: try contextName(context), id: id)
    }

    private func checkName(_ name: String, what: String, limit: Int? = nil) throws {
        let limit = limit ?? limits.maxNameBytes
        guard !name.isEmpty, name.utf8.count <= limit else {
            throw HTTPError(.badRequest, message: "\(what) must be 1 to \(limit) bytes")
        }
    }

    /// The attributes of a body, within the limits.
    private func attributes(_ values: [String: AttributeJSON]) throws -> Attributes {
        guard values.count <= limits.maxAttributes else {
            throw HTTPLimitError(.attributes, "more than \(limits.maxAttributes) attributes")
        }
        var list: [Attribute] = []
        list.reserveCapacity(values.count)
        for (name, value) in values {
            try checkName(name, what: "attribute name")
            guard let bytes = AttributeValueCoding.bytes(of: value) else {
                throw HTTPError(.badRequest, message: "attribute '\(name)': base64 value is not valid base64")
            }
            guard bytes.count <= limits.maxValueBytes else {
                throw HTTPLimitError(.value, "attribute '\(name)' is larger than \(limits.maxValueBytes) bytes")
            }
            list.append(Attribute(name: name, value: bytes))
        }
        return Attributes(list)
    }

    /// The JSON body of `request`, or nil when it is empty and that is allowed.
    private func decode<Body: Decodable>(_ request: Request, allowEmpty: Bool) async throws -> Body? {
        let buffer: ByteBuffer
        do {
            buffer = try await request.body.collect(upTo: limits.maxBodyBytes)
        } catch is NIOTooManyBytesError {
            throw HTTPLimitError(.body, "the body is larger than \(limits.maxBodyBytes) bytes")
        }
        if buffer.readableBytes == 0 {
            if allowEmpty { return nil }
            throw HTTPError(.badRequest, message: "a JSON body is required")
        }
        do {
            return try JSONDecoder().decode(Body.self, from: Data(buffer.readableBytesView))
        } catch let error as DecodingError {
            throw HTTPError(.badRequest, message: "the body is not the JSON expected: \(Self.describe(error))")
        }
    }

    private static func describe(_ error: DecodingError) -> String {
        switch error {
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .keyNotFound(_, let context),
            .dataCorrupted(let context):
            let path = context.codingPath.map(\.stringValue).joined(separator: ".")
            return path.isEmpty ? "malformed JSON" : "field '\(path)': \(context.debugDescription)"
        @unknown default:
            return "malformed JSON"
        }
    }

    private func write(_ receipt: WriteReceipt, status: HTTPResponse.Status) throws -> Response {
        guard let session = receipt.session else {
            var response = Response(status: .noContent)
            addReceiptHeaders(receipt, to: &response)
            return response
        }
        var response = try json(SessionJSON(session), status: status)
        addReceiptHeaders(receipt, to: &response)
        return response
    }

    private func addReceiptHeaders(_ receipt: WriteReceipt, to response: inout Response) {
        if let version = receipt.version { response.headers[.ternVersion] = VersionText.format(version) }
        response.headers[.ternAcknowledged] = String(receipt.acknowledged)
        response.headers[.ternPeers] = String(receipt.peers)
    }
}

/// Runs `body`, turning a missing session into 404, a session grown too large into 413, and a full
/// context into 507 (docs/LIMITS.md).
func notFoundAsHTTP<T>(_ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch let error as NodeSessionError {
        switch error {
        case .notFound: throw HTTPError(.notFound, message: error.description)
        case .tooManyAttributes: throw HTTPError(.contentTooLarge, message: error.description)
        case .tooManySessions: throw HTTPError(.insufficientStorage, message: error.description)
        }
    }
}

/// Runs `body`, turning a session that would grow past `maxAttributes` into the counted 413.
func attributeLimitAsHTTP<T>(_ body: () async throws -> T) async throws -> T {
    do {
        return try await body()
    } catch let error as NodeSessionError {
        guard case .tooManyAttributes = error else { throw error }
        throw HTTPLimitError(.attributes, error.description)
    }
}

/// A JSON response of `value` (keys sorted).
func json(_ value: some Encodable, status: HTTPResponse.Status) throws -> Response {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    var data = try encoder.encode(value)
    data.append(0x0A)
    return Response(
        status: status, headers: [.contentType: "application/json"],
        body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
}

extension HTTPResponse.Status {
    /// 507: the node holds as many sessions in the context as `--max-sessions` allows.
    static let insufficientStorage = HTTPResponse.Status(code: 507, reasonPhrase: "Insufficient Storage")
}

extension HTTPField.Name {
    /// `Tern-Version`: the version a write made, or a read returned.
    static let ternVersion = HTTPField.Name("Tern-Version")!
    /// `Tern-Acknowledged`: how many peers acknowledged a write before the response.
    static let ternAcknowledged = HTTPField.Name("Tern-Acknowledged")!
    /// `Tern-Peers`: how many peers a write was sent to.
    static let ternPeers = HTTPField.Name("Tern-Peers")!
}
