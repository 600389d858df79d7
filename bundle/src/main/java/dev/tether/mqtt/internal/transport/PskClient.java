package dev.tether.mqtt.internal.transport;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Vector;

import org.bouncycastle.tls.BasicTlsPSKExternal;
import org.bouncycastle.tls.BasicTlsPSKIdentity;
import org.bouncycastle.tls.CipherSuite;
import org.bouncycastle.tls.PRFAlgorithm;
import org.bouncycastle.tls.PSKTlsClient;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.TlsPSKExternal;
import org.bouncycastle.tls.TlsUtils;
import org.bouncycastle.tls.crypto.TlsCrypto;

/**
 * BouncyCastle's PSK client, offering the configured suites: TLS 1.3 with an external PSK when a
 * TLS 1.3 suite is among them, TLS 1.2 PSK suites otherwise or as well.
 */
final class PskClient extends PSKTlsClient {

    private final byte[] identity;
    private final byte[] key;
    private final int[] suites;
    private final boolean tls13;

    PskClient(TlsCrypto crypto, String identity, byte[] key, List<String> suiteNames) {
        super(crypto, new BasicTlsPSKIdentity(identity, key));
        this.identity = identity.getBytes(StandardCharsets.UTF_8);
        this.key = key.clone();
        this.suites = suiteNames.stream().mapToInt(PskClient::code).toArray();
        this.tls13 = suiteNames.stream().anyMatch(CipherSuites::isTls13);
    }

    /** @return BouncyCastle's number for an IANA suite name */
    static int code(String suiteName) {
        try {
            return CipherSuite.class.getField(suiteName).getInt(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalArgumentException("BouncyCastle does not know the cipher suite " + suiteName, e);
        }
    }

    @Override
    protected int[] getSupportedCipherSuites() {
        return TlsUtils.getSupportedCipherSuites(getCrypto(), suites);
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
        boolean tls12 = suites.length > 0 && java.util.Arrays.stream(suites)
            .anyMatch(suite -> !TlsUtils.isValidVersionForCipherSuite(suite, ProtocolVersion.TLSv13));
        if (tls13 && tls12) {
            return ProtocolVersion.TLSv13.downTo(ProtocolVersion.TLSv12);
        }
        return tls13 ? ProtocolVersion.TLSv13.only() : ProtocolVersion.TLSv12.only();
    }

    @Override
    public Vector<TlsPSKExternal> getExternalPSKs() {
        if (!tls13) {
            return null;
        }
        Vector<TlsPSKExternal> external = new Vector<>(1);
        external.add(new BasicTlsPSKExternal(identity, getCrypto().createSecret(key), PRFAlgorithm.tls13_hkdf_sha256));
        return external;
    }
}
