package io.pledge.kpi.measure;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class DimensionTest {

    @Test
    void parsesAllAndNameValuePairs() {
        assertEquals(Dimension.ALL, Dimension.parse("all"));
        assertEquals(new Dimension("channel", "PHONE"), Dimension.parse("channel=PHONE"));
        assertEquals("team=billing", Dimension.parse("team=billing").toString());
    }

    @Test
    void refusesUnknownNamesAndMalformedText() {
        assertThrows(IllegalArgumentException.class, () -> Dimension.parse("colour=red"));
        assertThrows(IllegalArgumentException.class, () -> Dimension.parse("channel="));
        assertThrows(IllegalArgumentException.class, () -> Dimension.parse("channel"));
    }
}
