package dev.tether.mqtt.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadPoolExecutor;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tether.mqtt.testing.TestPki;

/** Which connections share a JDK HttpClient: the same TLS files and suites do, a replaced file does not. */
class WebSocketClientsTest {

    @TempDir
    Path dir;

    private ThreadPoolExecutor pool;
    private WebSocketClients clients;
    private Path caFile;

    @BeforeEach
    void createClients() throws IOException {
        pool = TestPool.elastic("ws-test");
        clients = new WebSocketClients(pool);
        caFile = Files.copy(TestPki.create(dir.resolve("a"), "ca-a").caCertificate(), dir.resolve("ca.pem"));
    }

    @AfterEach
    void closeClients() {
        clients.close();
        pool.shutdownNow();
    }

    private Optional<WebSocketTls> tls(List<String> suites) throws TransportException {
        return Optional.of(WebSocketTls.of(Optional.of(caFile), Optional.empty(), Optional.empty(), new char[0],
            suites, Clock.systemUTC()));
    }

    @Test
    void theSameFilesAndSuitesShareOneClient() throws Exception {
        HttpClient first = clients.client(tls(List.of()));
        HttpClient second = clients.client(tls(List.of()));

        assertThat(second).isSameAs(first);
        assertThat(clients.size()).isEqualTo(1);
    }

    @Test
    void plainWebSocketHasAClientOfItsOwn() throws Exception {
        HttpClient plain = clients.client(Optional.empty());

        assertThat(clients.client(Optional.empty())).isSameAs(plain);
        assertThat(clients.client(tls(List.of()))).isNotSameAs(plain);
    }

    @Test
    void aReplacedFileMakesANewClient() throws Exception {
        HttpClient before = clients.client(tls(List.of()));

        Files.copy(TestPki.create(dir.resolve("b"), "ca-b").caCertificate(), caFile,
            StandardCopyOption.REPLACE_EXISTING);

        assertThat(clients.client(tls(List.of()))).isNotSameAs(before);
    }

    @Test
    void otherSuitesMakeANewClient() throws Exception {
        HttpClient defaults = clients.client(tls(List.of()));

        assertThat(clients.client(tls(List.of("TLS_AES_128_GCM_SHA256")))).isNotSameAs(defaults);
    }

    @Test
    void theLeastRecentlyUsedClientsAreDropped() throws Exception {
        for (int i = 0; i < WebSocketClients.MAX_CLIENTS + 3; i++) {
            Files.writeString(caFile, "\n", StandardOpenOption.APPEND);
            clients.client(tls(List.of()));
        }

        assertThat(clients.size()).isEqualTo(WebSocketClients.MAX_CLIENTS);
    }

    @Test
    void closedClientsOpenNothing() {
        clients.close();

        assertThatThrownBy(() -> clients.client(Optional.empty())).isInstanceOf(IOException.class)
            .hasMessageContaining("closed");
        assertThat(clients.size()).isZero();
    }
}
