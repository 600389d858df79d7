package dev.tether.mqtt.internal.metatype;

/** The metatype attribute types Tether uses, with their names in the metatype XML. */
public enum PropertyType {
    STRING("String"),
    INTEGER("Integer"),
    BOOLEAN("Boolean"),
    PASSWORD("Password");

    private final String xmlName;

    PropertyType(String xmlName) {
        this.xmlName = xmlName;
    }

    public String xmlName() {
        return xmlName;
    }
}
