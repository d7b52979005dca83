package dev.gateway.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Finds a loopback port with nothing listening on it, for connection-refused tests.
 */
public final class ClosedPort {

    private ClosedPort() {
    }

    /** Returns a port that was free a moment ago; another process could take it, which is unlikely in a test run. */
    public static int find() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
