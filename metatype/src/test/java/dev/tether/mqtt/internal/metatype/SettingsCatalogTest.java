package dev.tether.mqtt.internal.metatype;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class SettingsCatalogTest {

    @Test
    void pidsAreTheDocumentedOnes() {
        // given / when / then
        assertThat(SettingsCatalog.PID).isEqualTo("dev.tether.mqtt");
        assertThat(SettingsCatalog.FACTORY_PID).isEqualTo("dev.tether.mqtt.connection");
    }

    @Test
    void connectionPropertiesAreTheSeedKeysInOrder() {
        // given / when
        List<String> ids = SettingsCatalog.CONNECTION.stream().map(Property::id).toList();

        // then
        assertThat(ids).containsExactly("enable", "server", "backup_server", "primary_check_interval", "client_id", "user", "pass",
            "protocol_version", "clean_session", "session_expiry_interval", "keep_alive", "connect_timeout", "ack_timeout", "reconnect_timeout_min", "reconnect_timeout_max",
            "will_topic", "will_message",
            "will_retain", "will_delay_interval", "will_message_expiry_interval", "will_content_type", "max_qos", "max_queue_length", "max_queue_bytes", "queue_overflow", "queue_persistence",
            "queue_sync", "recv_mbuf_limit",
            "require_time", "cloud_events", "status_topic", "status_interval", "health_critical_after", "debug.stdout_topic", "debug.stderr_topic", "debug.level",
            "debug.format", "ws_enable", "ws_path",
            "ssl_ca_cert", "ssl_cert", "ssl_key", "ssl_key_pass", "ssl_cipher_suites", "ssl_psk_identity",
            "ssl_psk_key");
    }

    @Test
    void namedConnectionStartsWithNameThenTheConnectionProperties() {
        // given / when
        List<Property> named = SettingsCatalog.namedConnection();

        // then
        assertThat(named.get(0)).isSameAs(SettingsCatalog.NAME);
        assertThat(named.subList(1, named.size())).containsExactlyElementsOf(SettingsCatalog.CONNECTION);
    }

    @Test
    void everySecretIsAPassword() {
        // given / when / then
        assertThat(SettingsCatalog.namedConnection()).filteredOn(p -> p.type() == PropertyType.PASSWORD)
            .extracting(Property::id).containsExactly("pass", "ssl_key_pass", "ssl_psk_key");
    }

    @Test
    void defaultsAreWithinTheirBounds() {
        // given / when / then
        assertThat(SettingsCatalog.namedConnection()).filteredOn(p -> p.type() == PropertyType.INTEGER)
            .allSatisfy(p -> {
                if (p.min() != null) {
                    assertThat(p.intDefault()).isGreaterThanOrEqualTo(p.min());
                }
                if (p.max() != null) {
                    assertThat(p.intDefault()).isLessThanOrEqualTo(p.max());
                }
                if (!p.options().isEmpty()) {
                    assertThat(p.options()).contains(p.defaultValue());
                }
            });
    }

    @Test
    void everyPropertyHasALabelAndADescription() {
        // given / when / then
        assertThat(SettingsCatalog.namedConnection()).allSatisfy(p -> {
            assertThat(p.label()).isNotBlank();
            assertThat(p.description()).isNotBlank();
        });
    }
}
