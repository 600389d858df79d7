package dev.tether.mqtt.internal.codec;

import java.util.ArrayList;
import java.util.List;

import dev.tether.mqtt.internal.codec.PropertyIds.Definition;

/** Valid MQTT 5 properties for a place, random values in range, edges often; and valid reason codes. */
final class ArbitraryProperties {

    private ArbitraryProperties() {
    }

    /**
     * @param place   a packet type's code, or {@link PropertyIds#WILL}
     * @param exclude identifiers the caller's rules forbid here (a Subscription Identifier a server receives)
     */
    static Properties of(Gen gen, int place, int... exclude) {
        if (gen.oneIn(3)) {
            return Properties.NONE;
        }
        Properties.Builder builder = Properties.builder();
        for (int id = 1; id <= PropertyIds.SHARED_SUBSCRIPTION_AVAILABLE; id++) {
            Definition definition = PropertyIds.definition(id);
            if (definition == null || !definition.allowedIn(place) || excluded(id, exclude) || !gen.oneIn(3)) {
                continue;
            }
            int count = PropertyIds.repeatable(id, place) ? gen.between(1, 3) : 1;
            for (int i = 0; i < count; i++) {
                add(gen, builder, definition);
            }
        }
        Properties properties = builder.build();
        // Authentication Data needs an Authentication Method (3.1.2.11.10)
        if (properties.contains(PropertyIds.AUTHENTICATION_DATA)
                && !properties.contains(PropertyIds.AUTHENTICATION_METHOD)) {
            List<Properties.Property> entries = new ArrayList<>(properties.entries());
            entries.add(gen.between(0, entries.size()), new Properties.Property(PropertyIds.AUTHENTICATION_METHOD,
                "SCRAM-SHA-1"));
            properties = new Properties(entries);
        }
        return properties;
    }

    private static boolean excluded(int id, int[] exclude) {
        for (int excluded : exclude) {
            if (excluded == id) {
                return true;
            }
        }
        return false;
    }

    private static void add(Gen gen, Properties.Builder builder, Definition definition) {
        switch (definition.type()) {
            case UTF8_STRING -> builder.string(definition.id(), definition.id() == PropertyIds.RESPONSE_TOPIC
                ? gen.topicName() : gen.text(0, gen.oneIn(10) ? 300 : 12, c -> true));
            case BINARY_DATA -> builder.binary(definition.id(), gen.bytes(gen.size(gen.oneIn(10) ? 2_000 : 20, 0, 1)));
            case UTF8_STRING_PAIR -> builder.userProperty(gen.text(0, 10, c -> true), gen.text(0, 10, c -> true));
            default -> builder.integer(definition.id(), number(gen, definition.min(), definition.max()));
        }
    }

    private static long number(Gen gen, long min, long max) {
        if (gen.oneIn(3)) {
            return gen.pick(min, max, Math.min(max, min + 1), Math.min(max, 127), Math.min(max, 128),
                Math.min(max, 16_384));
        }
        return min + Math.floorMod(gen.nextLong(), max - min + 1);
    }

    /** @return a reason code the packet may carry (MQTT 5.0, 2.4); success half the time */
    static int reasonCode(Gen gen, PacketType type) {
        if (gen.bool()) {
            return ReasonCodes.SUCCESS;
        }
        List<Integer> valid = new ArrayList<>();
        for (int code = 0; code < 256; code++) {
            if (ReasonCodes.validFor(type, code)) {
                valid.add(code);
            }
        }
        return gen.pick(valid);
    }
}
