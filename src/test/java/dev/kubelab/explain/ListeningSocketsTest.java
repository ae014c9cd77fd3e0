package dev.kubelab.explain;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ListeningSocketsTest {

    /** `cat /proc/net/tcp /proc/net/tcp6` in a pod: both headers, listeners, and connections that are not listeners. */
    private static final String DUMP = """
              sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode                                                     
               0: 00000000:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000 65532        0 2218449 1 0000000000000000 100 0 0 10 0                     
               1: 0700F40A:D431 0A00600A:0035 01 00000000:00000000 02:000A7E6B 00000000 65532        0 2301188 2 0000000000000000 20 4 30 10 -1                  
               2: 0700F40A:9C40 0A00600A:0035 06 00000000:00000000 03:00001234 00000000     0        0 0 3 0000000000000000                                     
              sl  local_address                         remote_address                        st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
               0: 00000000000000000000000000000000:0F3C 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 23456 1 0000000000000000 100 0 0 10 0
               1: 0000000000000000FFFF00000700F40A:1F91 0000000000000000FFFF00000100F40A:C350 01 00000000:00000000 00:00000000 00000000     0        0 23457 1 0000000000000000 20 4 1 10 -1
            """;

    @Test
    void onlyListeningSocketsCountFromBothFiles() {
        assertEquals(Set.of(8080, 3900), ListeningSockets.parse(DUMP));
    }

    @Test
    void portsComeOutSorted() {
        assertEquals(List.of(3900, 8080), List.copyOf(ListeningSockets.parse(DUMP)));
    }

    @Test
    void nothingListeningIsEmpty() {
        String onlyHeader = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n";
        assertEquals(Set.of(), ListeningSockets.parse(onlyHeader));
        assertEquals(Set.of(), ListeningSockets.parse(""));
    }

    @Test
    void garbageLinesAreSkipped() {
        String noise = "cat: /proc/net/tcp6: No such file or directory\n"
                + "   0: 00000000:ZZZZ 00000000:0000 0A\n"
                + "   1: 00000000:0050 00000000:0000 0A 00000000:00000000\n";
        assertEquals(Set.of(80), ListeningSockets.parse(noise));
    }

    @Test
    void aPortBoundToLoopbackOnlyIsNotReachableFromOtherPods() {
        String dump = """
                   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1 1 0
                   1: 00000000:0F3C 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 2 1 0
                   2: 0100007F:0F3C 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 3 1 0
                   0: 00000000000000000000000001000000:0050 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000 0 0 4 1 0
                """;
        assertEquals(Set.of(80, 3900, 8080), ListeningSockets.parse(dump));
        // 3900 also listens on 0.0.0.0: reachable; 8080 on 127.0.0.1 and 80 on ::1 only: not
        assertEquals(Set.of(80, 8080), ListeningSockets.loopbackOnly(dump));
        assertEquals(Set.of(), ListeningSockets.loopbackOnly(DUMP));
    }
}
