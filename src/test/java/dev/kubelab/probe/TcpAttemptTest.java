package dev.kubelab.probe;

import dev.kubelab.kube.ProcessResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TcpAttemptTest {

    /** exit code, stderr, milliseconds, exec timed out → how the attempt ended (timeout 2 s) */
    @ParameterizedTest(name = "{0} {1} {2} ms -> {4}")
    @CsvSource(delimiter = '|', value = {
            "0|''|40|false|CONNECTED",
            // openbsd nc -z says nothing: the clock tells a drop from a refusal
            "1|''|35|false|REFUSED",
            "1|''|2010|false|TIMED_OUT",
            // busybox nc says why
            "1|nc: can't connect to remote host (10.244.0.9): Connection refused|30|false|REFUSED",
            "1|nc: can't connect to remote host (10.255.255.1): Network is unreachable|1100|false|UNREACHABLE",
            "1|nc: connect to 10.96.0.1 port 81 (tcp) timed out: Operation now in progress|2003|false|TIMED_OUT",
            "1|nc: getaddrinfo for host \"wbe\" port 80: Name or service not known|12|false|NO_NAME",
            "1|nc: bad address 'wbe'|12|false|NO_NAME",
            // a refusal reported late on a loaded machine is still a refusal
            "1|Connection refused|1900|false|REFUSED",
            "-1|''|5000|true|TIMED_OUT"})
    void howAnAttemptEnded(int exit, String stderr, long millis, boolean timedOut, TcpAttempt.Result want) {
        ProcessResult r = new ProcessResult(exit, "", stderr, Duration.ofMillis(millis), timedOut);
        assertEquals(want, TcpAttempt.classify(r, 2));
    }
}
