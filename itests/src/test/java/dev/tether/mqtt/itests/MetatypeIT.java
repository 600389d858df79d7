package dev.tether.mqtt.itests;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import javax.inject.Inject;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.MetaTypeInformation;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.ObjectClassDefinition;

/** The metatype the Tether bundle publishes, as a configuration tool reads it. */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class MetatypeIT extends TetherTestSupport {

    private static final String[] CONNECTION_KEYS = {"enable", "server", "backup_server",
        "primary_check_interval", "client_id", "user", "pass", "protocol_version",
        "clean_session", "session_expiry_interval", "keep_alive", "connect_timeout", "ack_timeout", "reconnect_timeout_min", "reconnect_timeout_max", "will_topic",
        "will_message", "will_retain", "will_delay_interval", "will_message_expiry_interval", "will_content_type",
        "max_qos", "max_queue_length", "max_queue_bytes", "queue_overflow", "queue_persistence", "queue_sync",
        "recv_mbuf_limit", "require_time",
        "ws_enable", "ws_path", "ssl_ca_cert", "ssl_cert", "ssl_key", "ssl_key_pass", "ssl_cipher_suites",
        "ssl_psk_identity", "ssl_psk_key"};

    @Inject
    private MetaTypeService metaTypeService;

    private Map<String, AttributeDefinition> attributes(String id, boolean factory) {
        MetaTypeInformation information = metaTypeService.getMetaTypeInformation(tetherBundle());
        assertThat(information).as("metatype of the Tether bundle").isNotNull();
        assertThat(factory ? information.getFactoryPids() : information.getPids()).contains(id);
        ObjectClassDefinition ocd = information.getObjectClassDefinition(id, null);
        assertThat(ocd).as("OCD for %s", id).isNotNull();
        return Arrays.stream(ocd.getAttributeDefinitions(ObjectClassDefinition.ALL))
            .collect(Collectors.toMap(AttributeDefinition::getID, Function.identity()));
    }

    @Test
    public void singletonPidDescribesEveryProperty() {
        Map<String, AttributeDefinition> attributes = attributes(PID, false);

        assertThat(attributes).containsKeys(CONNECTION_KEYS).doesNotContainKey("name");
        assertConnectionAttributes(attributes);
    }

    @Test
    public void factoryPidDescribesEveryPropertyAndTheName() {
        Map<String, AttributeDefinition> attributes = attributes(FACTORY_PID, true);

        assertThat(attributes).containsKeys(CONNECTION_KEYS).containsKey("name");
        assertThat(attributes.get("name").getType()).isEqualTo(AttributeDefinition.STRING);
        assertConnectionAttributes(attributes);
    }

    private static void assertConnectionAttributes(Map<String, AttributeDefinition> attributes) {
        assertType(attributes, AttributeDefinition.BOOLEAN, "enable", "clean_session", "will_retain", "require_time",
            "ws_enable");
        assertType(attributes, AttributeDefinition.INTEGER, "keep_alive", "reconnect_timeout_min",
            "reconnect_timeout_max", "max_qos", "max_queue_length", "max_queue_bytes", "primary_check_interval");
        assertType(attributes, AttributeDefinition.STRING, "server", "backup_server", "client_id", "user", "will_topic",
            "will_message", "queue_overflow", "queue_persistence", "queue_sync", "ws_path", "ssl_ca_cert", "ssl_cert", "ssl_key",
            "ssl_cipher_suites", "ssl_psk_identity");
        assertType(attributes, AttributeDefinition.PASSWORD, "pass", "ssl_key_pass", "ssl_psk_key");
        assertThat(attributes.get("queue_overflow").getOptionValues()).containsExactly("reject", "drop_oldest");
        assertThat(attributes.get("queue_persistence").getOptionValues()).containsExactly("file", "memory");
        assertThat(attributes.get("queue_sync").getOptionValues()).containsExactly("none", "interval", "always");

        assertDefault(attributes, "enable", "false");
        assertDefault(attributes, "server", "localhost:1883");
        assertDefault(attributes, "backup_server", "");
        assertDefault(attributes, "primary_check_interval", "60");
        assertDefault(attributes, "clean_session", "true");
        assertDefault(attributes, "keep_alive", "60");
        assertDefault(attributes, "reconnect_timeout_min", "2");
        assertDefault(attributes, "reconnect_timeout_max", "60");
        assertDefault(attributes, "will_retain", "false");
        assertDefault(attributes, "max_qos", "2");
        assertDefault(attributes, "max_queue_length", "10000");
        assertDefault(attributes, "queue_overflow", "reject");
        assertDefault(attributes, "queue_persistence", "file");
        assertDefault(attributes, "queue_sync", "none");
        assertDefault(attributes, "max_queue_bytes", "67108864");
        assertDefault(attributes, "ws_path", "/mqtt");
    }

    private static void assertType(Map<String, AttributeDefinition> attributes, int type, String... ids) {
        for (String id : ids) {
            assertThat(attributes.get(id).getType()).as("type of %s", id).isEqualTo(type);
        }
    }

    private static void assertDefault(Map<String, AttributeDefinition> attributes, String id, String value) {
        assertThat(attributes.get(id).getDefaultValue()).as("default of %s", id).containsExactly(value);
    }
}
