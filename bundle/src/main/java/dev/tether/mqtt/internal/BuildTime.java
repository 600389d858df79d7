package dev.tether.mqtt.internal;

import java.time.Instant;
import java.time.format.DateTimeParseException;

import org.osgi.framework.Bundle;

/** When this bundle was built: no correct clock reads earlier (require_time). */
final class BuildTime {

    /** The manifest header bnd writes at build time. */
    static final String HEADER = "Tether-Build-Time";
    /** Used when the header is missing, as in a bundle repackaged without it: Tether's first release. */
    private static final Instant FALLBACK = Instant.parse("2026-11-01T00:00:00Z");

    private BuildTime() {
    }

    static Instant of(Bundle bundle) {
        String value = bundle.getHeaders("").get(HEADER);
        try {
            return value == null ? FALLBACK : Instant.parse(value.trim());
        } catch (DateTimeParseException e) {
            return FALLBACK;
        }
    }
}
