package dev.styxy.actors.os;

/**
 * One TCP socket in LISTEN state as the kernel reports it in {@code /proc/net/tcp} or
 * {@code /proc/net/tcp6}. The inode is the key that links the socket to the process holding it
 * (through {@code /proc/[pid]/fd}); the uid tells who owns it even when that process is invisible.
 *
 * @param port the local TCP port
 * @param protocol {@code "tcp"} for an IPv4 socket, {@code "tcp6"} for an IPv6 one
 * @param localAddress address and port as people write them: {@code "0.0.0.0:3000"},
 *     {@code "127.0.0.1:3000"}, {@code "[::]:3000"}, {@code "[::1]:3000"}; IPv4-mapped addresses
 *     of dual-stack sockets print as {@code "[::ffff:127.0.0.1]:3000"}
 * @param inode the socket inode, matched against {@code socket:[INODE]} fd links
 * @param uid the user id owning the socket
 */
public record Listener(int port, String protocol, String localAddress, long inode, int uid) {}
