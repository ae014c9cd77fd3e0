package dev.kubelab.lesson;

import dev.kubelab.check.CheckSpec;
import dev.kubelab.check.Expectation;
import dev.kubelab.probe.PodRef;
import dev.kubelab.probe.ProbeSpec;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PositiveControlsTest {

    private static final PodRef DAGSTER = new PodRef("dagster", null, "component=webserver", null);
    private static final PodRef TRINO = new PodRef("trino", null, "app=trino", null);
    private static final ProbeSpec DAGSTER_TO_GARAGE = new ProbeSpec.TcpConnect(DAGSTER, "garage.garage", "3900", 8);
    private static final ProbeSpec TRINO_TO_GARAGE = new ProbeSpec.TcpConnect(TRINO, "garage.garage", "3900", 3);
    private static final ProbeSpec GARAGE_ENDPOINTS = new ProbeSpec.EndpointAddresses("garage", "garage");

    private static CheckSpec check(Map<String, ProbeSpec> let, ProbeSpec probe, Expectation expect) {
        return new CheckSpec("blocked", "d", let, probe, expect, null, 1);
    }

    private static Map<String, ProbeSpec> lets(Object... kv) {
        Map<String, ProbeSpec> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], (ProbeSpec) kv[i + 1]);
        }
        return m;
    }

    @Test
    void aBareBlockedConnectionIsRefused() {
        Optional<String> why = PositiveControls.missing(check(Map.of(), DAGSTER_TO_GARAGE,
                new Expectation.Equals(new ProbeSpec.Literal(false))));
        assertTrue(why.isPresent());
        assertTrue(why.get().startsWith("check 'blocked' passes when a connection fails (TCP connect to garage.garage:3900"), why.get());
    }

    @Test
    void aLetThatIsNotPartOfTheVerdictIsNoControl() {
        // the endpoints are observed, but the check passes whether or not there are any
        assertTrue(PositiveControls.missing(check(lets("ready", GARAGE_ENDPOINTS), DAGSTER_TO_GARAGE,
                new Expectation.Empty())).isPresent());
    }

    @Test
    void anAllowedClientThatMustConnectIsAControl() {
        CheckSpec c = check(lets("trino", TRINO_TO_GARAGE, "dagster", DAGSTER_TO_GARAGE),
                new ProbeSpec.Literal("trino connects: ${trino}, dagster connects: ${dagster}"),
                new Expectation.Equals(new ProbeSpec.Literal("trino connects: true, dagster connects: false")));
        assertEquals(Optional.empty(), PositiveControls.missing(c));
    }

    @Test
    void readyEndpointsRequiredByARegexAreAControl() {
        CheckSpec c = check(lets("ready", GARAGE_ENDPOINTS, "dagster", DAGSTER_TO_GARAGE),
                new ProbeSpec.Literal("endpoints: ${ready}; dagster connects: ${dagster}"),
                new Expectation.Matches("^endpoints: \\d[^;]*; dagster connects: false$"));
        assertEquals(Optional.empty(), PositiveControls.missing(c));
        // the same regex without the digit accepts "no endpoints": no control
        CheckSpec loose = check(lets("ready", GARAGE_ENDPOINTS, "dagster", DAGSTER_TO_GARAGE),
                new ProbeSpec.Literal("endpoints: ${ready}; dagster connects: ${dagster}"),
                new Expectation.Matches("dagster connects: false$"));
        assertTrue(PositiveControls.missing(loose).isPresent());
    }

    @Test
    void checksThatNeedAConnectionToSucceedNeedNoControl() {
        assertEquals(Optional.empty(), PositiveControls.missing(check(Map.of(), TRINO_TO_GARAGE,
                new Expectation.Equals(new ProbeSpec.Literal(true)))));
        assertEquals(Optional.empty(), PositiveControls.missing(check(Map.of(),
                new ProbeSpec.HttpGet(TRINO, "http://garage.garage:3900", 3), new Expectation.NotEquals(new ProbeSpec.Literal(0)))));
    }

    @Test
    void aFailedHttpFetchIsANegativeToo() {
        assertTrue(PositiveControls.missing(check(Map.of(), new ProbeSpec.HttpGet(DAGSTER, "http://garage.garage:3900", 3),
                new Expectation.Equals(new ProbeSpec.Literal(0)))).isPresent());
    }
}
