package dev.kubelab.explain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DestinationTest {

    static Stream<Arguments> rightForms() {
        // written, host, port, scheme, hostIsIp, isThisMachine
        return Stream.of(
                Arguments.of("web.ns:80", "web.ns", 80, "", false, false),
                Arguments.of("http://web.ns", "web.ns", 80, "http", false, false),
                Arguments.of("https://web.ns/x", "web.ns", 443, "https", false, false),
                Arguments.of("HTTP://web.ns", "web.ns", 80, "http", false, false),
                Arguments.of("http://web.ns.svc.cluster.local.:3900/bucket/", "web.ns.svc.cluster.local.", 3900, "http", false, false),
                Arguments.of("10.96.0.10:53", "10.96.0.10", 53, "", true, false),
                Arguments.of("[fd00::1]:8080", "fd00::1", 8080, "", true, false),
                Arguments.of("http://[fd00::1]/", "fd00::1", 80, "http", true, false),
                Arguments.of("http://user@host:81", "host", 81, "http", false, false),
                Arguments.of("localhost:8080", "localhost", 8080, "", false, true),
                Arguments.of("127.0.0.1:9", "127.0.0.1", 9, "", true, true),
                Arguments.of("[::1]:8080", "::1", 8080, "", true, true),
                Arguments.of("  web.ns:65535  ", "web.ns", 65535, "", false, false),
                // a query or fragment is no part of where to connect
                Arguments.of("http://web.ns?x=1", "web.ns", 80, "http", false, false),
                Arguments.of("http://web.ns:81?x=1#top", "web.ns", 81, "http", false, false),
                // a name that starts with 127 is no loopback address
                Arguments.of("127.web.ns:80", "127.web.ns", 80, "", false, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rightForms")
    void parsesTheFormsLearnersWrite(String text, String host, int port, String scheme, boolean ip, boolean local) {
        Destination d = Destination.parse(text);
        assertEquals(host, d.host());
        assertEquals(port, d.port());
        assertEquals(scheme, d.scheme());
        assertEquals(text.strip(), d.written());
        assertEquals(ip, d.hostIsIp(), "hostIsIp");
        assertEquals(local, d.isThisMachine(), "isThisMachine");
    }

    static Stream<Arguments> wrongForms() {
        return Stream.of(
                Arguments.of("", "give a destination: HOST:PORT or a URL (e.g. garage.garage:3900)"),
                Arguments.of("   ", "give a destination: HOST:PORT or a URL (e.g. garage.garage:3900)"),
                Arguments.of("web.ns", "'web.ns' has no port: write HOST:PORT (e.g. web.ns:80) or a URL with http:// or https://"),
                Arguments.of("tcp://web.ns", "'tcp://web.ns' has no port: write HOST:PORT (e.g. web.ns:80) or a URL with http:// or https://"),
                Arguments.of("web.ns:http", "'web.ns:http': the port 'http' is not a number"),
                Arguments.of("web.ns:0", "'web.ns:0': the port 0 is outside 1-65535"),
                Arguments.of("[fd00::1]", "'[fd00::1]' has no port: write HOST:PORT (e.g. [fd00::1]:80) or a URL with http:// or https://"),
                Arguments.of("web.ns:70000", "'web.ns:70000': the port 70000 is outside 1-65535"),
                Arguments.of("fd00::1:80", "'fd00::1:80': write an IPv6 address in brackets, e.g. [fd00::1]:80"),
                Arguments.of("fd00::1", "'fd00::1': write an IPv6 address in brackets, e.g. [fd00::1]:80"),
                Arguments.of("[fd00::1", "'[fd00::1': an IPv6 address in brackets needs its ']'"),
                Arguments.of("[fd00::1]80", "'[fd00::1]80': expected ':PORT' after the IPv6 address"),
                Arguments.of(":80", "':80' names no host"),
                Arguments.of("[]:80", "'[]:80' names no host"));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @MethodSource("wrongForms")
    void rejectsWithAReasonTheLearnerCanActOn(String text, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Destination.parse(text));
        assertEquals(message, e.getMessage());
    }

    @Test
    void nullIsTheEmptyDestination() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Destination.parse(null));
        assertTrue(e.getMessage().startsWith("give a destination"));
    }

    @Test
    void hostPortPutsIpv6InBrackets() {
        assertEquals("[fd00::1]:8080", Destination.parse("[fd00::1]:8080").hostPort());
        assertEquals("web.ns:80", Destination.parse("http://web.ns/x").hostPort());
        assertEquals("10.96.0.10:53", Destination.parse("10.96.0.10:53").hostPort());
    }

    @Test
    void aNameIsNotAnIp() {
        assertFalse(Destination.isIp("web.ns"));
        assertFalse(Destination.isIp("10.96.0"));
        assertFalse(Destination.isIp("cafe"));
        assertTrue(Destination.isIp("10.244.0.7"));
        assertTrue(Destination.isIp("fd00:10:244::7"));
    }
}
