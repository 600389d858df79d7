package dev.tether.mqtt.metatype.tool;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import dev.tether.mqtt.internal.metatype.SettingsCatalog;

class MetatypeWriterTest {

    private static final String NS = "http://www.osgi.org/xmlns/metatype/v1.2.0";
    private static final List<String> CONNECTION_IDS = List.of("enable", "server", "backup_server",
        "primary_check_interval", "client_id", "user", "pass",
        "protocol_version", "clean_session", "session_expiry_interval", "keep_alive", "connect_timeout", "ack_timeout", "reconnect_timeout_min",
        "reconnect_timeout_max", "will_topic",
        "will_message", "will_retain", "will_delay_interval", "will_message_expiry_interval", "will_content_type",
        "max_qos", "max_queue_length", "max_queue_bytes", "queue_overflow",
        "queue_persistence", "queue_sync", "recv_mbuf_limit",
        "require_time", "cloud_events", "status_topic", "status_interval", "health_critical_after", "debug.stdout_topic", "debug.stderr_topic", "debug.level",
            "debug.format", "ws_enable", "ws_path",
        "ssl_ca_cert", "ssl_cert", "ssl_key", "ssl_key_pass", "ssl_cipher_suites", "ssl_psk_identity",
        "ssl_psk_key");

    private static Document singleton() throws Exception {
        return parse(MetatypeWriter.document(SettingsCatalog.PID, "Tether MQTT", "The default <connection> & \"more\"",
            SettingsCatalog.CONNECTION, false));
    }

    private static Document factory() throws Exception {
        return parse(MetatypeWriter.document(SettingsCatalog.FACTORY_PID, "Tether MQTT connection", "named",
            SettingsCatalog.namedConnection(), true));
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Element> elements(Document document, String name) {
        NodeList nodes = document.getElementsByTagNameNS(NS, name);
        List<Element> elements = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            elements.add((Element) nodes.item(i));
        }
        return elements;
    }

    private static Map<String, Element> attributes(Document document) {
        Map<String, Element> byId = new LinkedHashMap<>();
        elements(document, "AD").forEach(ad -> byId.put(ad.getAttribute("id"), ad));
        return byId;
    }

    @Test
    void singletonDocumentHasOcdWithThePid() throws Exception {
        // given / when
        Document document = singleton();

        // then
        assertThat(document.getDocumentElement().getLocalName()).isEqualTo("MetaData");
        assertThat(elements(document, "OCD")).singleElement()
            .satisfies(ocd -> assertThat(ocd.getAttribute("id")).isEqualTo("dev.tether.mqtt"));
    }

    @Test
    void singletonIsDesignatedByPid() throws Exception {
        // given / when
        Document document = singleton();

        // then
        Element designate = elements(document, "Designate").get(0);
        assertThat(designate.getAttribute("pid")).isEqualTo("dev.tether.mqtt");
        assertThat(designate.hasAttribute("factoryPid")).isFalse();
        assertThat(elements(document, "Object")).singleElement()
            .satisfies(object -> assertThat(object.getAttribute("ocdref")).isEqualTo("dev.tether.mqtt"));
    }

    @Test
    void factoryIsDesignatedByFactoryPid() throws Exception {
        // given / when
        Document document = factory();

        // then
        Element designate = elements(document, "Designate").get(0);
        assertThat(designate.getAttribute("factoryPid")).isEqualTo("dev.tether.mqtt.connection");
        assertThat(designate.hasAttribute("pid")).isFalse();
        assertThat(elements(document, "OCD").get(0).getAttribute("id")).isEqualTo("dev.tether.mqtt.connection");
        assertThat(elements(document, "Object").get(0).getAttribute("ocdref"))
            .isEqualTo("dev.tether.mqtt.connection");
    }

    @Test
    void singletonHasOneAttributePerSeedProperty() throws Exception {
        // given / when
        Document document = singleton();

        // then
        assertThat(elements(document, "AD")).extracting(ad -> ad.getAttribute("id"))
            .containsExactlyElementsOf(CONNECTION_IDS);
    }

    @Test
    void factoryHasANameAttributeFirstThenTheSeedProperties() throws Exception {
        // given / when
        Document document = factory();

        // then
        List<String> expected = new ArrayList<>();
        expected.add("name");
        expected.addAll(CONNECTION_IDS);
        assertThat(elements(document, "AD")).extracting(ad -> ad.getAttribute("id"))
            .containsExactlyElementsOf(expected);
        assertThat(attributes(document).get("name").getAttribute("required")).isEqualTo("true");
        assertThat(attributes(document).get("server").getAttribute("required")).isEqualTo("false");
    }

    @Test
    void passwordHasTypePassword() throws Exception {
        // given / when
        Map<String, Element> attributes = attributes(singleton());

        // then
        assertThat(attributes.get("pass").getAttribute("type")).isEqualTo("Password");
        assertThat(attributes.get("pass").getAttribute("default")).isEmpty();
    }

    @Test
    void typesMatchTheSeed() throws Exception {
        // given / when
        Map<String, Element> attributes = attributes(singleton());

        // then
        Map<String, String> types = new LinkedHashMap<>();
        attributes.forEach((id, ad) -> types.put(id, ad.getAttribute("type")));
        assertThat(types).containsEntry("enable", "Boolean").containsEntry("server", "String")
            .containsEntry("client_id", "String").containsEntry("user", "String")
            .containsEntry("clean_session", "Boolean").containsEntry("keep_alive", "Integer")
            .containsEntry("reconnect_timeout_min", "Integer").containsEntry("reconnect_timeout_max", "Integer")
            .containsEntry("will_topic", "String").containsEntry("will_message", "String")
            .containsEntry("will_retain", "Boolean").containsEntry("max_qos", "Integer")
            .containsEntry("max_queue_length", "Integer").containsEntry("max_queue_bytes", "Integer")
            .containsEntry("queue_overflow", "String").containsEntry("queue_persistence", "String")
            .containsEntry("queue_sync", "String").containsEntry("recv_mbuf_limit", "Integer")
            .containsEntry("require_time", "Boolean").containsEntry("ws_enable", "Boolean")
            .containsEntry("ws_path", "String").containsEntry("ssl_ca_cert", "String").containsEntry("ssl_cert", "String")
            .containsEntry("ssl_key", "String").containsEntry("ssl_key_pass", "Password")
            .containsEntry("ssl_cipher_suites", "String").containsEntry("ssl_psk_identity", "String")
            .containsEntry("ssl_psk_key", "Password");
    }

    @Test
    void defaultsMatchTheConfigurationReference() throws Exception {
        // given / when
        Map<String, Element> attributes = attributes(singleton());

        // then (config-keys.md, except recv_mbuf_limit: see recvMbufLimitDefaultMatchesTheSeed)
        Map<String, String> defaults = new LinkedHashMap<>();
        attributes.forEach((id, ad) -> defaults.put(id, ad.getAttribute("default")));
        assertThat(defaults).containsEntry("enable", "false").containsEntry("server", "localhost:1883")
            .containsEntry("client_id", "").containsEntry("user", "").containsEntry("pass", "")
            .containsEntry("clean_session", "true").containsEntry("keep_alive", "60")
            .containsEntry("reconnect_timeout_min", "2").containsEntry("reconnect_timeout_max", "60")
            .containsEntry("will_topic", "").containsEntry("will_message", "")
            .containsEntry("will_retain", "false").containsEntry("max_qos", "2")
            .containsEntry("max_queue_length", "10000").containsEntry("max_queue_bytes", "67108864")
            .containsEntry("queue_overflow", "reject").containsEntry("queue_persistence", "file")
            .containsEntry("queue_sync", "none").containsEntry("require_time", "false")
            .containsEntry("ws_enable", "false").containsEntry("ws_path", "/mqtt").containsEntry("ssl_ca_cert", "")
            .containsEntry("ssl_cert", "").containsEntry("ssl_key", "").containsEntry("ssl_cipher_suites", "")
            .containsEntry("ssl_psk_identity", "").containsEntry("ssl_psk_key", "");
    }

    /** Tether departs from the seed here on purpose (see docs/connections.md): 3072 bytes would drop ordinary gateway messages. */
    @Test
    void recvMbufLimitDefaultsToNoLimit() throws Exception {
        // given / when
        Map<String, Element> attributes = attributes(singleton());

        // then
        assertThat(attributes.get("recv_mbuf_limit").getAttribute("default")).isEqualTo("0");
    }

    @Test
    void maxQosOffersTheOptionsZeroToTwo() throws Exception {
        // given / when
        Element maxQos = attributes(singleton()).get("max_qos");

        // then
        NodeList options = maxQos.getElementsByTagNameNS(NS, "Option");
        List<String> values = new ArrayList<>();
        for (int i = 0; i < options.getLength(); i++) {
            values.add(((Element) options.item(i)).getAttribute("value"));
        }
        assertThat(values).containsExactly("0", "1", "2");
    }

    @Test
    void boundsAreWrittenAsMinAndMax() throws Exception {
        // given / when
        Element keepAlive = attributes(singleton()).get("keep_alive");

        // then
        assertThat(keepAlive.getAttribute("min")).isEqualTo("0");
        assertThat(keepAlive.getAttribute("max")).isEqualTo("65535");
    }

    @Test
    void specialCharactersInTextAreEscaped() throws Exception {
        // given / when
        Document document = singleton();

        // then
        assertThat(elements(document, "OCD").get(0).getAttribute("description"))
            .isEqualTo("The default <connection> & \"more\"");
    }

    @Test
    void elementNamesAreUnprefixedAsKuraExpects() {
        // given / when
        String xml = MetatypeWriter.document(SettingsCatalog.PID, "n", "d", SettingsCatalog.CONNECTION, false);

        // then
        assertThat(xml).contains("<MetaData xmlns=\"" + NS + "\"", "<OCD ", "<AD ", "<Designate ", "<Object ")
            .doesNotContainPattern("<[A-Za-z]+:");
    }

    @Test
    void mainWritesBothDescriptors(@TempDir Path dir) throws Exception {
        // given
        Path target = dir.resolve("OSGI-INF/metatype");

        // when
        MetatypeWriter.main(new String[] {target.toString()});

        // then
        Document singleton = parse(Files.readString(target.resolve("dev.tether.mqtt.xml")));
        Document factory = parse(Files.readString(target.resolve("dev.tether.mqtt.connection.xml")));
        assertThat(elements(singleton, "Designate").get(0).getAttribute("pid")).isEqualTo("dev.tether.mqtt");
        assertThat(elements(factory, "Designate").get(0).getAttribute("factoryPid"))
            .isEqualTo("dev.tether.mqtt.connection");
        assertThat(attributes(factory)).containsKey("name");
    }
}
