package dev.kubelab.check;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ValuesTest {

    @Test
    void hostNamesIgnoreCaseAndTrailingDot() {
        assertTrue(Values.same("Garage.Garage.svc.cluster.local.", "garage.garage.svc.cluster.local"));
        assertFalse(Values.same("garage.garage", "garage.garage.svc.cluster.local"));
    }

    @Test
    void listsCompareAsSets() {
        assertTrue(Values.same(List.of("10.244.0.7", "10.244.0.5"), "10.244.0.5, 10.244.0.7"));
        assertFalse(Values.same(List.of("10.244.0.7"), List.of("10.244.0.7", "10.244.0.5")));
    }

    @Test
    void numbersAndBooleans() {
        assertTrue(Values.same(5L, "05"));
        assertTrue(Values.same(true, "yes"));
        assertFalse(Values.same(false, "yes"));
    }

    @Test
    void cidrMembership() {
        assertTrue(Values.inCidr("10.244.3.7", "10.244.0.0/16"));
        assertFalse(Values.inCidr("10.245.0.1", "10.244.0.0/16"));
        assertTrue(Values.inCidr("10.96.0.10", "10.96.0.0/12"));
        assertFalse(Values.inCidr("not-an-ip", "10.96.0.0/12"));
    }

    @Test
    void showsNothingExplicitly() {
        assertEquals("(nothing)", Values.show(List.of()));
    }
}
