package dev.tether.mqtt.metatype.tool;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import dev.tether.mqtt.internal.metatype.Property;
import dev.tether.mqtt.internal.metatype.PropertyType;
import dev.tether.mqtt.internal.metatype.SettingsCatalog;

/**
 * Renders the operator's configuration reference, {@code docs/configuration.md}, from {@link SettingsCatalog}, so
 * the page cannot drift from the metatype the bundle ships. {@code ConfigurationReferenceTest} fails while the file
 * in the repository differs from {@link #render()}, and writes it with {@link #REGENERATE}.
 * <p>
 * Properties are grouped by their ids; one that no group claims lands in "Other settings", still documented, until
 * a group below names it.
 */
public final class ConfigurationReference {

    /** The generated file, relative to the repository's root. */
    public static final String FILE = "docs/configuration.md";

    /** The command, run in the repository's root, that rewrites {@link #FILE}. */
    public static final String REGENERATE =
        "mvn -q -pl metatype test -Dtest=ConfigurationReferenceTest -Dtether.docs.write=true";

    private static final String CATALOG_SOURCE =
        "../metatype/src/main/java/dev/tether/mqtt/internal/metatype/SettingsCatalog.java";

    private record Group(String title, String intro, Predicate<String> claims) {
    }

    private static final List<Group> GROUPS = List.of(
        new Group("Connection", "Whether to connect, where, as whom, and how long to wait. How failover to"
            + " `backup_server` works: [connections.md](connections.md#failover-to-a-backup-server); how a connection"
            + " retries: [reliability.md](reliability.md#how-a-connection-behaves).",
            ids("enable", "server", "backup_server", "primary_check_interval", "client_id", "user", "pass",
                "protocol_version", "clean_session", "session_expiry_interval", "keep_alive", "connect_timeout", "ack_timeout", "require_time")
                .or(prefix("reconnect_"))),
        new Group("Last will", "The message the broker publishes for this client when it vanishes without"
            + " disconnecting. Tether sends it with QoS 1, capped by `max_qos`.", prefix("will_")),
        new Group("QoS and the queue", "What waits while the connection is down, how much of it, and how safely."
            + " What the queue promises: [reliability.md](reliability.md).",
            ids("max_qos").or(prefix("max_queue_")).or(prefix("queue_"))),
        new Group("Receiving", "Limits on what the broker sends to this client.", prefix("recv_")),
        new Group("Connection events and log forwarding", "OSGi events about the connection, and the framework's"
            + " log published over MQTT: [connection events](operations.md#connection-events) and"
            + " [log forwarding](operations.md#log-forwarding). Changing the log properties does not reconnect.",
            ids("cloud_events").or(prefix("debug."))),
        new Group("Monitoring", "How operators watch the connection: its status on MQTT for fleet dashboards, and"
            + " its health check: [operations.md](operations.md#metrics-and-health).",
            ids("status_topic", "status_interval", "health_critical_after")),
        new Group("WebSocket", "MQTT over WebSocket and secure WebSocket, with examples:"
            + " [security.md](security.md#websocket-and-secure-websocket).", prefix("ws_")),
        new Group("TLS", "TLS, mutual TLS and TLS-PSK, with a `.cfg` and a `mosquitto.conf` for each:"
            + " [security.md](security.md). The files are read again at every connection attempt.",
            prefix("ssl_")));

    private static final Group OTHER = new Group("Other settings", "Settings of no group above.", id -> true);

    private ConfigurationReference() {
    }

    /** Writes the reference to the file given as the only argument. */
    public static void main(String[] args) throws IOException {
        Path file = Path.of(args[0]);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, render(), StandardCharsets.UTF_8);
    }

    /** @return the whole of {@link #FILE}, {@code \n} line ends */
    public static String render() {
        StringBuilder md = new StringBuilder();
        md.append("# Configuration reference\n\n");
        md.append("Every property of a Tether connection: type, default, allowed values and meaning."
            + " [Back to the README](../README.md)\n\n");
        md.append("> Generated from [`SettingsCatalog`](").append(CATALOG_SOURCE)
            .append("), the source of the metatype the bundle ships; do not edit it by hand. Regenerate it in the"
                + " repository's root with `").append(REGENERATE).append("`.\n\n");
        md.append("How to write a configuration, named connections, what happens to invalid values and failover,"
            + " with examples: [connections.md](connections.md).\n\n");

        md.append("## Where the settings live\n\n");
        md.append("| connection | configuration | form in the web console and Kura | properties |\n");
        md.append("|---|---|---|---|\n");
        md.append("| `default` | PID `").append(SettingsCatalog.PID).append("` | ").append(MetatypeWriter.DEFAULT_NAME)
            .append(" | ").append(SettingsCatalog.CONNECTION.size()).append(", below |\n");
        md.append("| named by its `name` | one factory configuration of `").append(SettingsCatalog.FACTORY_PID)
            .append("` each | ").append(MetatypeWriter.FACTORY_NAME).append(" | ")
            .append(SettingsCatalog.namedConnection().size()).append(": the same and ")
            .append(namedOnly().stream().map(p -> "`" + p.id() + "`").collect(Collectors.joining(", ")))
            .append(" |\n\n");
        md.append("Values may be typed or strings (as from `.cfg` files). Integer bounds are inclusive.\n");

        if (!namedOnly().isEmpty()) {
            section(md, new Group("Named connections only", "Properties of a factory configuration of `"
                + SettingsCatalog.FACTORY_PID + "` beside those below.", id -> true), namedOnly());
        }
        Map<Group, List<Property>> grouped = new LinkedHashMap<>();
        GROUPS.forEach(group -> grouped.put(group, new ArrayList<>()));
        grouped.put(OTHER, new ArrayList<>());
        for (Property property : SettingsCatalog.CONNECTION) {
            Group group = GROUPS.stream().filter(g -> g.claims().test(property.id())).findFirst().orElse(OTHER);
            grouped.get(group).add(property);
        }
        grouped.forEach((group, properties) -> {
            if (!properties.isEmpty()) {
                section(md, group, properties);
            }
        });
        return md.toString();
    }

    private static List<Property> namedOnly() {
        return SettingsCatalog.namedConnection().stream()
            .filter(property -> !SettingsCatalog.CONNECTION.contains(property)).toList();
    }

    private static void section(StringBuilder md, Group group, List<Property> properties) {
        md.append("\n## ").append(group.title()).append("\n\n");
        md.append(group.intro()).append("\n\n");
        md.append("| property | type | default | allowed | meaning |\n");
        md.append("|---|---|---|---|---|\n");
        for (Property property : properties) {
            md.append("| `").append(property.id()).append("`<br>").append(cell(property.label()))
                .append(" | ").append(property.type().xmlName())
                .append(" | ").append(defaultValue(property))
                .append(" | ").append(allowed(property))
                .append(" | ").append(meaning(property))
                .append(" |\n");
        }
    }

    private static String defaultValue(Property property) {
        return property.defaultValue().isEmpty() ? "*empty*" : "`" + property.defaultValue() + "`";
    }

    private static String allowed(Property property) {
        if (!property.options().isEmpty()) {
            return property.options().stream().map(option -> "`" + option + "`").collect(Collectors.joining(", "));
        }
        if (property.type() == PropertyType.BOOLEAN) {
            return "`true`, `false`";
        }
        if (property.min() != null || property.max() != null) {
            return (property.min() == null ? "" : property.min()) + ".." + (property.max() == null ? "" : property.max());
        }
        return "";
    }

    private static String meaning(Property property) {
        String text = codeIds(cell(property.description()));
        if (property.type() == PropertyType.PASSWORD) {
            text += " A Password: never logged, never in the status, never in an exception.";
        }
        return text;
    }

    /** Puts the catalog's ids that a description mentions in code, with a value after {@code =} if there is one. */
    private static String codeIds(String text) {
        String alternatives = SettingsCatalog.namedConnection().stream().map(Property::id)
            .filter(id -> id.contains("_") || id.contains("."))
            .sorted(Comparator.comparingInt(String::length).reversed())
            .map(Pattern::quote).collect(Collectors.joining("|"));
        Matcher matcher = Pattern.compile("(?<![\\w.`])((?:" + alternatives + ")(?:=\\w+)?)(?![\\w`])")
            .matcher(text);
        return matcher.replaceAll(result -> Matcher.quoteReplacement("`" + result.group(1) + "`"));
    }

    private static String cell(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("|", "\\|")
            .replace("\n", " ");
    }

    private static Predicate<String> ids(String... ids) {
        List<String> list = List.of(ids);
        return list::contains;
    }

    private static Predicate<String> prefix(String prefix) {
        return id -> id.startsWith(prefix);
    }
}
