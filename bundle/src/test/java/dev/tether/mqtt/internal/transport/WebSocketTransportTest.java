package dev.tether.mqtt.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ProtocolException;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.tether.mqtt.internal.codec.ConnAck;
import dev.tether.mqtt.internal.codec.Packet;
import dev.tether.mqtt.internal.codec.PacketBuffer;
import dev.tether.mqtt.internal.codec.PacketDecoder;
import dev.tether.mqtt.internal.codec.PacketDecoder.Role;
import dev.tether.mqtt.internal.codec.PacketEncoder;
import dev.tether.mqtt.internal.codec.PingResp;
import dev.tether.mqtt.internal.codec.Properties;
import dev.tether.mqtt.internal.codec.Publish;
import dev.tether.mqtt.testing.Ports;

/**
 * The WebSocket transport against a Netty WebSocket server that sends chosen frames, and against sockets that
 * refuse or never answer: framing, flow control, failures to open, and close.
 */
@Timeout(30)
class WebSocketTransportTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    private static final Duration UNBLOCKED_WITHIN = Duration.ofSeconds(1);

    private static ThreadPoolExecutor pool;
    private static WebSocketClients clients;

    private WebSocketPeer peer;
    private WebSocketTransport transport;

    @BeforeAll
    static void createClients() {
        pool = TestPool.elastic("ws-test");
        clients = new WebSocketClients(pool);
    }

    @AfterAll
    static void closeClients() {
        clients.close();
        pool.shutdownNow();
    }

    @AfterEach
    void closeTransport() {
        if (transport != null) {
            transport.close();
        }
        if (peer != null) {
            peer.close();
        }
    }

    private WebSocketTransport openToPeer(String subprotocol) throws Exception {
        peer = WebSocketPeer.start("/mqtt", subprotocol);
        transport = WebSocketTransport.open(peer.uri("/mqtt"), Optional.empty(), TIMEOUT, clients);
        peer.awaitClient();
        return transport;
    }

    @Test
    void packetsSplitAcrossFramesAndSeveralInOneFrameAreDecoded() throws Exception {
        // given three packets, cut into frames without regard to packet boundaries [MQTT-6.0.0-2]
        openToPeer("mqtt");
        byte[] payload = new byte[100_000];
        new Random(1).nextBytes(payload);
        PacketBuffer bytes = new PacketBuffer(256);
        PacketEncoder encoder = new PacketEncoder();
        encoder.encode(new ConnAck(false, 0, Properties.NONE), bytes);
        encoder.encode(new Publish("a/b", payload, 0, false, false, 0, Properties.NONE), bytes);
        encoder.encode(new PingResp(), bytes);
        byte[] all = bytes.toByteArray();

        // when the CONNACK and the PUBLISH's first byte come in one frame, its length in the next, and the rest
        // and the PINGRESP in a third
        peer.sendBinary(Arrays.copyOfRange(all, 0, 5), Arrays.copyOfRange(all, 5, 8),
            Arrays.copyOfRange(all, 8, all.length));

        // then the packets are read whole
        PacketDecoder decoder = new PacketDecoder(transport.input(), Role.CLIENT, 8192,
            PacketEncoder.MAX_REMAINING_LENGTH, Integer.MAX_VALUE);
        assertThat(decoder.read()).isInstanceOf(ConnAck.class);
        assertThat(decoder.read()).isInstanceOfSatisfying(Publish.class,
            publish -> assertThat(publish.payload()).isEqualTo(payload));
        assertThat(decoder.read()).isInstanceOf(PingResp.class);
    }

    @Test
    void flushSendsWhatWasWrittenAsOneMessage() throws Exception {
        openToPeer("mqtt");

        transport.output().write(new byte[] {1, 2, 3});
        transport.output().write(new byte[] {4, 5});
        transport.output().flush();

        assertThat(peer.nextFrame(TIMEOUT)).containsExactly(1, 2, 3, 4, 5);
    }

    @Test
    void largeWritesAreSentInMessagesOfAtMost64KiB() throws Exception {
        // given 200 KB written in one call
        openToPeer("mqtt");
        byte[] large = new byte[200_000];
        new Random(2).nextBytes(large);

        transport.output().write(large);
        transport.output().flush();

        // then it arrives whole, in frames no broker's default limit refuses
        byte[] received = new byte[0];
        while (received.length < large.length) {
            byte[] frame = peer.nextFrame(TIMEOUT);
            assertThat(frame.length).isLessThanOrEqualTo(WebSocketOutput.MAX_MESSAGE);
            byte[] joined = Arrays.copyOf(received, received.length + frame.length);
            System.arraycopy(frame, 0, joined, received.length, frame.length);
            received = joined;
        }
        assertThat(received).isEqualTo(large);
    }

    @Test
    void textFrameIsAProtocolError() throws Exception {
        openToPeer("mqtt");

        peer.sendText("hello");

        assertThatThrownBy(() -> transport.input().read())
            .isInstanceOf(ProtocolException.class)
            .hasMessageContaining("text frame").hasMessageContaining("MQTT-6.0.0-1");
    }

    @Test
    void aBrokenFrameFailsTheStreamWithTheJdksReason() throws Exception {
        openToPeer("mqtt");

        // a binary frame of one byte, masked: a server must never mask (RFC 6455, 5.1)
        peer.sendRaw(new byte[] {(byte) 0x82, (byte) 0x81, 1, 2, 3, 4, 5});

        assertThatThrownBy(() -> transport.input().read())
            .isInstanceOf(IOException.class)
            .hasMessageStartingWith("the WebSocket connection failed: ")
            .hasCauseInstanceOf(ProtocolException.class);
    }

    @Test
    void pingsNeitherReachTheStreamNorStallIt() throws Exception {
        openToPeer("mqtt");

        peer.sendPing();
        peer.sendBinary(new byte[] {42});

        assertThat(transport.input().read()).isEqualTo(42);
    }

    @Test
    void closeFromThePeerEndsTheStreamAfterWhatCameBefore() throws Exception {
        openToPeer("mqtt");

        peer.sendBinary(new byte[] {7, 8});
        peer.sendClose();

        InputStream in = transport.input();
        assertThat(in.read()).isEqualTo(7);
        assertThat(in.read()).isEqualTo(8);
        assertThat(in.read()).isEqualTo(-1);
    }

    @Test
    void aSlowReaderBoundsWhatIsQueued() throws Exception {
        // given 4 MB sent by the server while nobody reads
        openToPeer("mqtt");
        byte[] data = new byte[4 * 1024 * 1024];
        new Random(3).nextBytes(data);
        byte[][] frames = new byte[64][];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = Arrays.copyOfRange(data, i * 65536, (i + 1) * 65536);
        }
        peer.sendBinary(frames);

        // then the transport queues some, stops asking the JDK for more, and the rest waits in TCP
        await().atMost(TIMEOUT).until(() -> transport.input().available() >= WebSocketInput.QUEUE_LIMIT);
        await().during(Duration.ofMillis(300)).atMost(TIMEOUT)
            .until(() -> transport.input().available() <= WebSocketInput.QUEUE_LIMIT + 65536);

        // and all of it is read in order
        byte[] read = transport.input().readNBytes(data.length);
        assertThat(read).isEqualTo(data);
    }

    @Test
    void wrongPathNamesThePathAndTheStatus() throws Exception {
        peer = WebSocketPeer.start("/mqtt", "mqtt");

        assertThatThrownBy(() -> WebSocketTransport.open(peer.uri("/wrong"), Optional.empty(), TIMEOUT, clients))
            .isInstanceOf(IOException.class)
            .hasMessageContaining("path '/wrong'").hasMessageContaining("HTTP 404")
            .hasMessageContaining("check the path");
    }

    @Test
    void serverWithoutTheMqttSubprotocolIsRefused() throws Exception {
        peer = WebSocketPeer.start("/mqtt", null);

        assertThatThrownBy(() -> WebSocketTransport.open(peer.uri("/mqtt"), Optional.empty(), TIMEOUT, clients))
            .isInstanceOf(IOException.class)
            .hasMessageContaining("without the subprotocol 'mqtt'");
    }

    @Test
    void refusedPortFailsAtOnce() {
        URI nobody = URI.create("ws://127.0.0.1:" + Ports.free() + "/mqtt");

        assertThatThrownBy(() -> WebSocketTransport.open(nobody, Optional.empty(), TIMEOUT, clients))
            .isInstanceOf(ConnectException.class)
            .hasMessageContaining("cannot connect to " + nobody + ": ").hasMessageContaining("refused");
    }

    @Test
    void unknownHostIsNamed() {
        URI nowhere = URI.create("ws://no-such-host.invalid:1883/mqtt");

        assertThatThrownBy(() -> WebSocketTransport.open(nowhere, Optional.empty(), TIMEOUT, clients))
            .isInstanceOf(UnknownHostException.class)
            .hasMessageContaining("unknown host no-such-host.invalid");
    }

    @Test
    void serverThatNeverAnswersTimesOutWithinTheTimeout() throws Exception {
        assertTimesOut("ws");
    }

    @Test
    void serverThatNeverAnswersTheTlsHandshakeTimesOutWithinTheTimeout() throws Exception {
        assertTimesOut("wss");
    }

    private static void assertTimesOut(String scheme) throws IOException {
        // a socket that accepts TCP connections (the backlog does) and never says a word
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            URI uri = URI.create(scheme + "://127.0.0.1:" + silent.getLocalPort() + "/mqtt");
            Duration timeout = Duration.ofMillis(500);
            long start = System.nanoTime();

            assertThatThrownBy(() -> WebSocketTransport.open(uri, Optional.empty(), timeout, clients))
                .isInstanceOf(SocketTimeoutException.class)
                .hasMessageContaining("within 500 ms");

            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(timeout.plusMillis(500));
        }
    }

    @Test
    void closeUnblocksAReaderAtOnce() throws Exception {
        // given a reader waiting for bytes that do not come
        openToPeer("mqtt");
        CompletableFuture<Integer> read = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try {
                read.complete(transport.input().read());
            } catch (Throwable e) {
                read.completeExceptionally(e);
            }
        }, "blocked-reader");
        reader.start();
        await().atMost(TIMEOUT).until(() -> reader.getState() == Thread.State.WAITING);

        transport.close();

        assertThat(read.get(UNBLOCKED_WITHIN.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(-1);
    }

    @Test
    void closeUnblocksAWriterAtOnce() throws Exception {
        // given a writer stuck because the server stopped reading and the socket buffers are full
        openToPeer("mqtt");
        peer.stopReading();
        AtomicLong written = new AtomicLong();
        CompletableFuture<Void> writing = new CompletableFuture<>();
        Thread writer = new Thread(() -> {
            byte[] chunk = new byte[WebSocketOutput.MAX_MESSAGE];
            try {
                OutputStream out = transport.output();
                while (true) {
                    out.write(chunk);
                    written.addAndGet(chunk.length);
                }
            } catch (Throwable e) {
                writing.completeExceptionally(e);
            }
        }, "blocked-writer");
        writer.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> writer.getState() == Thread.State.WAITING);
        await().during(Duration.ofMillis(300)).atMost(TIMEOUT).until(() -> writer.getState() == Thread.State.WAITING);
        long stuckAt = written.get();

        transport.close();

        assertThatThrownBy(() -> writing.get(UNBLOCKED_WITHIN.toMillis(), TimeUnit.MILLISECONDS))
            .hasCauseInstanceOf(IOException.class).hasMessageContaining("closed");
        assertThat(written.get()).isEqualTo(stuckAt);
    }

    @Test
    void closeIsIdempotentAndEndsBothStreams() throws Exception {
        openToPeer("mqtt");

        transport.close();
        transport.close();

        assertThat(transport.input().read()).isEqualTo(-1);
        assertThatThrownBy(() -> transport.output().write(1)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> transport.output().flush()).isInstanceOf(IOException.class);
    }

    @Test
    void closeSendsAWebSocketCloseWhenIdle() throws Exception {
        openToPeer("mqtt");

        transport.close();

        assertThat(peer.closeReceived().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isEqualTo(1000);
    }

    @Test
    void aPacketLargerThanAMessageSpansMessagesAndDecodesWhole() throws Exception {
        // given a PUBLISH of 70,000 bytes, written in one call as the engine writes a batch
        openToPeer("mqtt");
        PacketBuffer bytes = new PacketBuffer(256);
        new PacketEncoder().encode(new Publish("t", new byte[70_000], 1, false, false, 9, Properties.NONE), bytes);

        transport.output().write(bytes.array(), 0, bytes.length());
        transport.output().flush();

        // then the broker gets two messages, which together are the packet [MQTT-6.0.0-2]
        byte[] first = peer.nextFrame(TIMEOUT);
        byte[] second = peer.nextFrame(TIMEOUT);
        assertThat(first).hasSize(WebSocketOutput.MAX_MESSAGE);
        assertThat(first.length + second.length).isEqualTo(bytes.length());
        Packet decoded = new PacketDecoder(new SequenceInputStream(new ByteArrayInputStream(first),
            new ByteArrayInputStream(second)), Role.SERVER, 8192, PacketEncoder.MAX_REMAINING_LENGTH,
            Integer.MAX_VALUE).read();
        assertThat(decoded).isInstanceOfSatisfying(Publish.class,
            publish -> assertThat(publish.payload()).hasSize(70_000));
    }
}
