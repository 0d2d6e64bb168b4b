import NIOCore
import TernCore

/// Finds the network interface `--interface` names, by name (`eth0`) or by one of its addresses.
enum InterfaceResolver {
    /// The device for `spec` with an IPv6 address (`ipv6`) or an IPv4 one.
    static func device(_ spec: String, ipv6 wantsV6: Bool) throws -> NIONetworkDevice {
        let devices = try System.enumerateDevices()
        func sameFamily(_ device: NIONetworkDevice) -> Bool {
            switch device.address {
            case .v4: !wantsV6
            case .v6: wantsV6
            default: false
            }
        }
        let named = devices.filter { $0.name == spec || $0.address?.ipAddress == spec }
        guard !named.isEmpty else {
            let names = Set(devices.map(\.name)).sorted()
            throw MembershipTransportError.noSuchInterface(spec, available: names)
        }
        guard let device = named.first(where: sameFamily) else {
            throw MembershipTransportError.interfaceWithoutAddress(spec, family: wantsV6 ? "IPv6" : "IPv4")
        }
        return device
    }
}

extension SocketAddress {
    /// `HOST:PORT`, with brackets around IPv6; the bare description for other kinds.
    var endpointText: String {
        guard let ip = ipAddress, let port else { return description }
        return ip.contains(":") ? "[\(ip)]:\(port)" : "\(ip):\(port)"
    }

    /// An endpoint resolved to an address: an IP literal as is, a name through the system resolver.
    static func resolving(_ endpoint: Endpoint) throws -> SocketAddress {
        do {
            return try SocketAddress(ipAddress: endpoint.host, port: Int(endpoint.port))
        } catch {
            do {
                return try SocketAddress.makeAddressResolvingHost(endpoint.host, port: Int(endpoint.port))
            } catch {
                throw MembershipTransportError.cannotResolve(endpoint, reason: "\(error)")
            }
        }
    }
}

/// Addresses of this host, for members that must advertise a literal address (Tomcat's heartbeat
/// carries address bytes, not a name).
public enum LocalAddresses {
    /// The address to advertise for `host`: an IP address as it is; a name resolved (IPv4 first);
    /// an empty host becomes the address of `interface`, else of the first non-loopback interface
    /// with IPv4, else 127.0.0.1.
    public static func announceable(host: String, interface: String?) throws -> String {
        if !host.isEmpty {
            let endpoint = Endpoint(host: host, port: 1)
            return try SocketAddress.resolving(endpoint).ipAddress ?? host
        }
        let devices = (try? System.enumerateDevices()) ?? []
        func ipv4(_ device: NIONetworkDevice) -> String? {
            if case .v4 = device.address { return device.address?.ipAddress }
            return nil
        }
        if let interface {
            return try InterfaceResolver.device(interface, ipv6: false).address?.ipAddress ?? "127.0.0.1"
        }
        let candidates = devices.filter { ipv4($0) != nil && !($0.address?.ipAddress ?? "").hasPrefix("127.") }
        return candidates.first.flatMap(ipv4) ?? "127.0.0.1"
    }
}
