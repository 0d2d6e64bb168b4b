/// TernNetMembership: the membership shells of TernNet (`MembershipService` and the UDP, multicast
/// and Tomcat-acceptor code under it), a module of their own so that tern-ping links only these and
/// none of the replication shells (docs/ARCHITECTURE.md).
public enum TernNetMembership {}
