package dev.tether.mqtt.internal.config;

import java.util.Arrays;

/** A password that never shows itself in a log, a status or an exception. */
public final class Secret {

    public static final Secret NONE = new Secret("");

    private final char[] value;

    Secret(String value) {
        this.value = value.toCharArray();
    }

    public boolean isEmpty() {
        return value.length == 0;
    }

    /** @return a copy, for handing to the MQTT client */
    public char[] reveal() {
        return value.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Secret secret && Arrays.equals(value, secret.value);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return isEmpty() ? "" : "********";
    }
}
