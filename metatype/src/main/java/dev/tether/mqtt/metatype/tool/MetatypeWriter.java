package dev.tether.mqtt.metatype.tool;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import dev.tether.mqtt.internal.metatype.SettingsCatalog;
import dev.tether.mqtt.internal.metatype.Property;

/**
 * Writes the metatype descriptors {@code OSGI-INF/metatype/<pid>.xml} from {@link SettingsCatalog}.
 * Run by the bundle's build; not part of the bundle. The format suits both the OSGi MetaType service and Eclipse Kura, whose parser
 * wants unprefixed elements, plain labels and an OCD id equal to the (factory) PID.
 */
public final class MetatypeWriter {

    /** The form's name of the default connection, as the web console and Kura show it. */
    static final String DEFAULT_NAME = "Tether MQTT";
    /** The form's name of a named connection. */
    static final String FACTORY_NAME = "Tether MQTT connection";

    private MetatypeWriter() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        write(dir, SettingsCatalog.PID, DEFAULT_NAME,
            "The default MQTT connection: its MqttService has mqtt.connection=default.",
            SettingsCatalog.CONNECTION, false);
        write(dir, SettingsCatalog.FACTORY_PID, FACTORY_NAME,
            "A further, named MQTT connection: its MqttService has mqtt.connection set to its name.",
            SettingsCatalog.namedConnection(), true);
    }

    private static void write(Path dir, String pid, String name, String description, List<Property> properties,
            boolean factory) throws IOException {
        Files.writeString(dir.resolve(pid + ".xml"), document(pid, name, description, properties, factory),
            StandardCharsets.UTF_8);
    }

    static String document(String pid, String name, String description, List<Property> properties, boolean factory) {
        StringBuilder xml = new StringBuilder();
        xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        xml.append("<MetaData xmlns=\"http://www.osgi.org/xmlns/metatype/v1.2.0\">\n");
        xml.append("  <OCD id=\"").append(pid).append("\" name=\"").append(escape(name))
            .append("\" description=\"").append(escape(description)).append("\">\n");
        for (Property property : properties) {
            appendAttribute(xml, property);
        }
        xml.append("  </OCD>\n");
        xml.append("  <Designate ").append(factory ? "factoryPid" : "pid").append("=\"").append(pid).append("\">\n");
        xml.append("    <Object ocdref=\"").append(pid).append("\"/>\n");
        xml.append("  </Designate>\n");
        xml.append("</MetaData>\n");
        return xml.toString();
    }

    private static void appendAttribute(StringBuilder xml, Property property) {
        xml.append("    <AD id=\"").append(property.id())
            .append("\" type=\"").append(property.type().xmlName())
            .append("\" name=\"").append(escape(property.label()))
            .append("\" description=\"").append(escape(property.description()))
            .append("\" cardinality=\"0\" required=\"").append(property.id().equals("name"))
            .append("\" default=\"").append(escape(property.defaultValue())).append('"');
        if (property.min() != null) {
            xml.append(" min=\"").append(property.min()).append('"');
        }
        if (property.max() != null) {
            xml.append(" max=\"").append(property.max()).append('"');
        }
        if (property.options().isEmpty()) {
            xml.append("/>\n");
            return;
        }
        xml.append(">\n");
        for (String option : property.options()) {
            xml.append("      <Option label=\"").append(escape(option)).append("\" value=\"")
                .append(escape(option)).append("\"/>\n");
        }
        xml.append("    </AD>\n");
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
