package dev.tether.bench.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class MqttFramerTest {

    /** MQTT 5 CONNECT, client id "c", no properties. */
    private static final byte[] CONNECT_5 = bytes(0x10, 0x0E, 0x00, 0x04, 'M', 'Q', 'T', 'T', 0x05, 0x02, 0x00, 0x3C,
        0x00, 0x00, 0x01, 'c');
    /** MQTT 3.1.1 CONNECT, client id "c". */
    private static final byte[] CONNECT_311 = bytes(0x10, 0x0D, 0x00, 0x04, 'M', 'Q', 'T', 'T', 0x04, 0x02, 0x00,
        0x3C, 0x00, 0x01, 'c');

    @Test
    void countsPublishBytesAndTellsAliasesSetUpAndUsed() {
        MqttFramer framer = new MqttFramer();
        byte[] stream = concat(CONNECT_5,
            publish5("a/b", 1, 2, new byte[10]), // QoS 1, sets up alias 1: 2 + 2 + 3 + 2 + 1 + 3 + 10 = 23 bytes
            publish5("", 1, 3, new byte[10]),    // uses it: 2 + 2 + 0 + 2 + 1 + 3 + 10 = 20 bytes
            publish5("", 1, 4, new byte[10]),
            bytes(0xE0, 0x00));                  // DISCONNECT

        framer.accept(stream, 0, stream.length);
        MqttFramer.Snapshot counted = framer.snapshot();

        assertThat(counted.error()).isNull();
        assertThat(counted.protocolLevel()).isEqualTo(5);
        assertThat(counted.packets(MqttFramer.PUBLISH)).isEqualTo(3);
        assertThat(counted.bytes(MqttFramer.PUBLISH)).isEqualTo(23 + 20 + 20);
        assertThat(counted.aliasSetUp()).isEqualTo(1);
        assertThat(counted.aliasUsed()).isEqualTo(2);
        assertThat(counted.totalBytes()).isEqualTo(stream.length);
        assertThat(counted.packetCounts()).containsExactly(java.util.Map.entry("CONNECT", 1L),
            java.util.Map.entry("PUBLISH", 3L), java.util.Map.entry("DISCONNECT", 1L));
    }

    @Test
    void aStreamCutAnywhereCountsTheSame() {
        byte[] payload = new byte[300]; // a remaining length of two bytes
        byte[] stream = concat(CONNECT_311, publish311("tether/x/telemetry", 0, payload),
            publish311("tether/x/telemetry", 0, payload), bytes(0xC0, 0x00));
        MqttFramer whole = new MqttFramer();
        whole.accept(stream, 0, stream.length);
        for (int chunk : new int[] {1, 2, 3, 7, 64}) {
            MqttFramer cut = new MqttFramer();
            for (int at = 0; at < stream.length; at += chunk) {
                cut.accept(stream, at, Math.min(chunk, stream.length - at));
            }
            assertThat(cut.snapshot().bytes(MqttFramer.PUBLISH)).as("chunks of %d", chunk)
                .isEqualTo(whole.snapshot().bytes(MqttFramer.PUBLISH)).isEqualTo(2L * (1 + 2 + 2 + 18 + 300));
            assertThat(cut.snapshot().packets(12)).isEqualTo(1);
        }
        assertThat(whole.snapshot().protocolLevel()).isEqualTo(4);
        assertThat(whole.snapshot().aliasSetUp()).isZero();
    }

    @Test
    void readsTheBrokersTermsFromAnMqtt5Connack() {
        // CONNACK: flags 0, reason 0, properties: Receive Maximum 20, Topic Alias Maximum 10, Assigned Client
        // Identifier "x", Maximum QoS 1
        byte[] connack = bytes(0x20, 0x0F, 0x00, 0x00, 0x0C, 0x21, 0x00, 0x14, 0x22, 0x00, 0x0A, 0x12, 0x00, 0x01, 'x',
            0x24, 0x01);
        MqttFramer framer = new MqttFramer();
        framer.accept(connack, 0, connack.length);

        assertThat(framer.snapshot().connackProperties()).containsEntry("Receive Maximum", 20L)
            .containsEntry("Topic Alias Maximum", 10L).containsEntry("Maximum QoS", 1L).hasSize(3);
    }

    @Test
    void anMqtt311ConnackHasNoTerms() {
        MqttFramer framer = new MqttFramer();
        framer.accept(bytes(0x20, 0x02, 0x00, 0x00), 0, 4);

        assertThat(framer.snapshot().connackProperties()).isEmpty();
        assertThat(framer.snapshot().packets(2)).isEqualTo(1);
    }

    @Test
    void theProxyForwardsEveryByteAndCountsEachDirection() throws Exception {
        try (ServerSocket broker = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             CountingProxy proxy = new CountingProxy(broker.getInetAddress().getHostAddress(),
                 broker.getLocalPort())) {
            byte[] fromClient = concat(CONNECT_5, publish5("a/b", 0, 0, new byte[5]), bytes(0xE0, 0x00));
            CompletableFuture<byte[]> brokerGot = CompletableFuture.supplyAsync(() -> {
                try (Socket accepted = broker.accept()) {
                    OutputStream out = accepted.getOutputStream();
                    out.write(bytes(0x20, 0x03, 0x00, 0x00, 0x00));
                    out.flush();
                    return accepted.getInputStream().readAllBytes();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            byte[] clientGot;
            try (Socket client = new Socket(proxy.host(), proxy.port())) {
                client.getOutputStream().write(fromClient);
                InputStream in = client.getInputStream();
                clientGot = in.readNBytes(5);
                client.shutdownOutput();
            }

            assertThat(brokerGot.get(5, TimeUnit.SECONDS)).isEqualTo(fromClient);
            assertThat(clientGot).isEqualTo(bytes(0x20, 0x03, 0x00, 0x00, 0x00));
            assertThat(proxy.awaitClientsGone(Duration.ofSeconds(5))).isTrue();
            assertThat(proxy.fromClient().totalBytes()).isEqualTo(fromClient.length);
            assertThat(proxy.fromClient().bytes(MqttFramer.PUBLISH)).isEqualTo(2 + 2 + 3 + 1 + 5);
            assertThat(proxy.fromBroker().packets(2)).isEqualTo(1);
            assertThat(proxy.fromBroker().connackProperties()).isEmpty();
        }
    }

    /** An MQTT 5 PUBLISH with a Topic Alias of 1 (and nothing else in its properties). */
    private static byte[] publish5(String topic, int qos, int packetId, byte[] payload) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        string(body, topic);
        if (qos > 0) {
            body.write(packetId >> 8);
            body.write(packetId);
        }
        if (qos > 0) {
            body.writeBytes(bytes(0x03, 0x23, 0x00, 0x01));
        } else {
            body.write(0x00);
        }
        body.writeBytes(payload);
        return packet(0x30 | qos << 1, body.toByteArray());
    }

    private static byte[] publish311(String topic, int qos, byte[] payload) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        string(body, topic);
        body.writeBytes(payload);
        return packet(0x30 | qos << 1, body.toByteArray());
    }

    private static void string(ByteArrayOutputStream out, String text) {
        byte[] encoded = text.getBytes(StandardCharsets.UTF_8);
        out.write(encoded.length >> 8);
        out.write(encoded.length);
        out.writeBytes(encoded);
    }

    private static byte[] packet(int header, byte[] body) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(header);
        int length = body.length;
        do {
            int digit = length % 128;
            length /= 128;
            out.write(length > 0 ? digit | 0x80 : digit);
        } while (length > 0);
        out.writeBytes(body);
        return out.toByteArray();
    }

    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    private static byte[] concat(byte[]... parts) {
        byte[] all = new byte[0];
        for (byte[] part : parts) {
            int at = all.length;
            all = Arrays.copyOf(all, at + part.length);
            System.arraycopy(part, 0, all, at, part.length);
        }
        return all;
    }
}
