package dev.tether.mqtt.shell.internal;

import java.time.Duration;
import java.util.Locale;

/**
 * Reads the commands' QoS, retain and seconds arguments. They arrive as text rather than typed
 * parameters so a wrong value gets a message naming it, not Gogo's "Cannot coerce" list of method
 * signatures.
 */
final class Arguments {

    /** QoS and retain flag of a publish. */
    record PublishOptions(int qos, boolean retain) {
    }

    private Arguments() {
    }

    /**
     * @param qosOption   the {@code -q} value, empty when not given
     * @param retainFlag  whether {@code -r} was given
     * @param positional  what followed the payload: nothing, a QoS, or a QoS and a retain flag
     *                    ({@code pub a/b hello 1 true})
     * @return the options, QoS 0 and no retain unless given
     * @throws UsageException for a bad value, too many arguments, or a value given twice
     */
    static PublishOptions publishOptions(String qosOption, boolean retainFlag, String... positional) {
        String[] trailing = positional == null ? new String[0] : positional;
        if (trailing.length > 2) {
            throw new UsageException("too many arguments after the payload: " + String.join(" ", trailing)
                + " (expected at most a QoS and true/false for retain; quote a payload with spaces)");
        }
        if (trailing.length > 0 && !qosOption.isEmpty()) {
            throw new UsageException("the QoS is given twice: -q " + qosOption + " and " + trailing[0]);
        }
        if (trailing.length > 1 && retainFlag) {
            throw new UsageException("retain is given twice: -r and " + trailing[1]);
        }
        int qos = qos(trailing.length > 0 ? trailing[0] : qosOption);
        boolean retain = retainFlag || trailing.length > 1 && retain(trailing[1]);
        return new PublishOptions(qos, retain);
    }

    /**
     * @param text 0, 1 or 2; empty means 0
     * @throws UsageException for anything else
     */
    static int qos(String text) {
        switch (text.trim()) {
            case "":
            case "0":
                return 0;
            case "1":
                return 1;
            case "2":
                return 2;
            default:
                throw new UsageException("QoS '" + text + "' is not 0, 1 or 2");
        }
    }

    /** @throws UsageException unless the text is true or false, in any case */
    static boolean retain(String text) {
        switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "true":
                return true;
            case "false":
                return false;
            default:
                throw new UsageException("retain '" + text + "' is not true or false");
        }
    }

    /**
     * @param text a whole number of seconds above 0, or empty for no limit
     * @return the limit; {@link Duration#ZERO} for none
     * @throws UsageException for anything else
     */
    static Duration seconds(String text) {
        String trimmed = text.trim();
        if (trimmed.isEmpty()) {
            return Duration.ZERO;
        }
        long seconds;
        try {
            seconds = Long.parseLong(trimmed);
        } catch (NumberFormatException e) {
            seconds = -1;
        }
        if (seconds <= 0) {
            throw new UsageException("seconds '" + text + "' is not a whole number above 0");
        }
        return Duration.ofSeconds(seconds);
    }
}
