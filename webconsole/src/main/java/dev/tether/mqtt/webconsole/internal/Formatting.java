package dev.tether.mqtt.webconsole.internal;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.tether.mqtt.ConnectionStatus;
import dev.tether.mqtt.SubscriptionStatus;

/** Status values as people read them. Shared by the page and the JSON so both mask alike. */
final class Formatting {

    /** Shown for a value that is absent: not connected, no error, nothing queued. */
    static final String NONE = "\u2014";

    private static final Pattern URI_USER_INFO = Pattern.compile("\\b([A-Za-z][A-Za-z0-9+.-]*://)[^\\s/?#]+@");

    private Formatting() {
    }

    /**
     * Tether's status carries no password, but a server configured as {@code user:pass@host} or
     * {@code tcp://user:pass@host:1883} would show one: the user info becomes {@code ***}.
     *
     * @return the server with any user info masked; "" for null
     */
    static String server(String server) {
        if (server == null) {
            return "";
        }
        int scheme = server.indexOf("://");
        int start = scheme < 0 ? 0 : scheme + 3;
        int end = server.length();
        for (char delimiter : new char[] { '/', '?', '#' }) {
            int at = server.indexOf(delimiter, start);
            if (at >= 0 && at < end) {
                end = at;
            }
        }
        int userInfoEnd = server.lastIndexOf('@', end - 1);
        return userInfoEnd < start ? server : server.substring(0, start) + "***" + server.substring(userInfoEnd);
    }

    /** @return the status's last error, masked by {@link #error(String, String)} */
    static Optional<String> lastError(ConnectionStatus status) {
        return status.lastError().map(error -> error(error, status.server()));
    }

    /**
     * Errors about an invalid configuration quote the server as configured, and connection events
     * name the server in use.
     *
     * @param error  the last error or an event's detail; null reads as ""
     * @param server the server as the status has it, quoted in the error or not
     * @return the error with that server masked as by {@link #server(String)}, and the user info of every
     *         {@code scheme://user:pass@host} in it too
     */
    static String error(String error, String server) {
        if (error == null) {
            return "";
        }
        String masked = server == null || server.isEmpty() ? error : error.replace(server, server(server));
        return URI_USER_INFO.matcher(masked).replaceAll("$1***@");
    }

    /**
     * @return the MQTT version in use and what the broker decided for the session, for example {@code MQTT 5, keep
     *         alive 30 s set by the broker, shared subscriptions not supported}; {@link #NONE} while not connected
     */
    static String protocol(ConnectionStatus status) {
        if (status.protocolVersion().isEmpty()) {
            return NONE;
        }
        StringBuilder text = new StringBuilder("MQTT ").append(status.protocolVersion().get());
        status.assignedClientId().ifPresent(id -> text.append(", client id ").append(id).append(" assigned by the"
            + " broker"));
        status.serverKeepAlive().ifPresent(seconds -> text.append(", keep alive ").append(seconds)
            .append(" s set by the broker"));
        status.sharedSubscriptionsAvailable().ifPresent(shared -> text.append(", shared subscriptions ")
            .append(shared ? "supported" : "not supported"));
        return text.toString();
    }

    /** @return the QoS the broker granted, "refused (0x87)" when it refused, or {@link #NONE} before it answered */
    static String granted(SubscriptionStatus subscription) {
        if (subscription.grantedQos().isPresent()) {
            return Integer.toString(subscription.grantedQos().getAsInt());
        }
        return subscription.refusalCode().isPresent()
            ? String.format("refused (0x%02X)", subscription.refusalCode().getAsInt()) : NONE;
    }

    /** @return for example {@code 2026-01-01T10:00:00Z}: to the second, as the page shows every time */
    static String time(Instant time) {
        return time.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** @return for example {@code 2026-01-01T10:00:00Z (for 3 min 12 s)} */
    static String since(Instant since, Instant now) {
        return time(since) + " (for " + duration(Duration.between(since, now)) + ")";
    }

    /** @return for example {@code 850 ms}, {@code 12 s}, {@code 3 min 12 s}, {@code 2 h 5 min}, {@code 3 d 4 h} */
    static String duration(Duration duration) {
        Duration positive = duration.isNegative() ? Duration.ZERO : duration; // a clock set back
        long seconds = positive.getSeconds();
        if (seconds == 0) {
            return positive.toMillis() + " ms";
        }
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3_600) {
            return seconds / 60 + " min " + seconds % 60 + " s";
        }
        if (seconds < 86_400) {
            return seconds / 3_600 + " h " + seconds % 3_600 / 60 + " min";
        }
        return seconds / 86_400 + " d " + seconds % 86_400 / 3_600 + " h";
    }
}
