package dev.tether.mqtt.itests.broker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.tether.mqtt.testing.Issued;
import dev.tether.mqtt.testing.KeyFormat;
import dev.tether.mqtt.testing.KeyType;
import dev.tether.mqtt.testing.MosquittoProcess;
import dev.tether.mqtt.testing.MosquittoProcess.Listener;
import dev.tether.mqtt.testing.TestPki;

/**
 * Driver side of the secure transport tests: certificates generated for the run and one Mosquitto
 * with a TLS, a mutual TLS and a TLS-PSK listener, started once per JVM and stopped when it exits.
 * The framework learns the ports and files through the system properties {@link #start()} returns.
 */
public final class SecureBrokers {

    public static final String CA = "tether.itest.ca";
    public static final String CLIENT_CERT = "tether.itest.client.cert";
    public static final String CLIENT_KEY = "tether.itest.client.key";
    public static final String CLIENT_KEY_PASS = "tether.itest.client.key.pass";
    public static final String TLS_PORT = "tether.itest.port.tls";
    public static final String MTLS_PORT = "tether.itest.port.mtls";
    public static final String PSK_PORT = "tether.itest.port.psk";
    public static final String PSK_IDENTITY = "tether.itest.psk.identity";
    public static final String PSK_KEY = "tether.itest.psk.key";

    private static Map<String, String> properties;

    private SecureBrokers() {
    }

    /** @return the system properties that describe the running broker; starts it on the first call */
    public static synchronized Map<String, String> start() throws IOException {
        if (properties != null) {
            return properties;
        }
        Path dir = Files.createDirectories(Path.of(System.getProperty("tether.work",
            System.getProperty("java.io.tmpdir")))).resolve("secure-" + ProcessHandle.current().pid());
        TestPki pki = TestPki.create(dir, "tether-itest");
        Issued server = pki.issueServer("broker", List.of("localhost"), List.of("127.0.0.1"));
        Issued client = pki.issueClient("gateway", KeyType.EC);
        String keyPassword = "itest-key-password";
        String pskKey = "0f1e2d3c4b5a69788796a5b4c3d2e1f0";
        Listener tls = Listener.tls(pki.caCertificate(), server.certificate(), server.privateKey());
        MosquittoProcess broker = MosquittoProcess.builder(dir.resolve("mosquitto"))
            .listener("tls", tls)
            .listener("mtls", Listener.tls(pki.caCertificate(), server.certificate(), server.privateKey())
                .requireClientCertificate())
            .listener("psk", Listener.psk("tether"))
            .pskIdentity("itest-gateway", pskKey)
            .start();
        Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "itest-secure-broker-stop"));
        Map<String, String> described = new LinkedHashMap<>();
        described.put(CA, pki.caCertificate().toString());
        described.put(CLIENT_CERT, client.certificate().toString());
        // an encrypted SEC1 key: reading it needs bcpkix and bcprov wired into the bundle
        described.put(CLIENT_KEY, client.writeKey(KeyFormat.SEC1_ENCRYPTED, keyPassword).toString());
        described.put(CLIENT_KEY_PASS, keyPassword);
        described.put(TLS_PORT, Integer.toString(broker.port("tls")));
        described.put(MTLS_PORT, Integer.toString(broker.port("mtls")));
        described.put(PSK_PORT, Integer.toString(broker.port("psk")));
        described.put(PSK_IDENTITY, "itest-gateway");
        described.put(PSK_KEY, pskKey);
        properties = Map.copyOf(described);
        return properties;
    }
}
