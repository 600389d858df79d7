package dev.tether.mqtt.internal.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CipherSuiteNamesTest {

    /** Every IANA name the translation table below produces, and a few more. */
    private static final List<String> SUPPORTED = List.of(
        "TLS_AES_128_GCM_SHA256", "TLS_AES_256_GCM_SHA384", "TLS_CHACHA20_POLY1305_SHA256", "TLS_AES_128_CCM_SHA256",
        "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
        "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8",
        "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
        "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384",
        "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384", "TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA",
        "TLS_RSA_WITH_AES_128_CBC_SHA", "TLS_RSA_WITH_AES_256_CBC_SHA256", "TLS_RSA_WITH_AES_128_GCM_SHA256",
        "TLS_RSA_WITH_3DES_EDE_CBC_SHA", "TLS_RSA_WITH_CAMELLIA_128_CBC_SHA256",
        "TLS_PSK_WITH_AES_128_CBC_SHA256", "TLS_PSK_WITH_AES_128_CBC_SHA", "TLS_PSK_WITH_AES_256_GCM_SHA384",
        "TLS_PSK_WITH_AES_128_CCM", "TLS_PSK_WITH_AES_128_CCM_8", "TLS_PSK_WITH_CHACHA20_POLY1305_SHA256",
        "TLS_ECDHE_PSK_WITH_CHACHA20_POLY1305_SHA256", "TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA256",
        "TLS_DHE_PSK_WITH_AES_128_GCM_SHA256", "TLS_RSA_PSK_WITH_AES_128_GCM_SHA256");

    // --- translation

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        // IANA / JSSE names stay as they are, in any case
        "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256       | TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
        "tls_ecdhe_rsa_with_aes_128_gcm_sha256       | TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
        "TLS_PSK_WITH_AES_128_CCM_8                  | TLS_PSK_WITH_AES_128_CCM_8",
        // mbedTLS names
        "TLS-ECDHE-RSA-WITH-AES-128-GCM-SHA256       | TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
        "TLS-ECDHE-ECDSA-WITH-AES-128-CCM-8          | TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8",
        "TLS-PSK-WITH-AES-128-CBC-SHA256             | TLS_PSK_WITH_AES_128_CBC_SHA256",
        "TLS-ECDHE-PSK-WITH-CHACHA20-POLY1305-SHA256 | TLS_ECDHE_PSK_WITH_CHACHA20_POLY1305_SHA256",
        "TLS-RSA-WITH-3DES-EDE-CBC-SHA               | TLS_RSA_WITH_3DES_EDE_CBC_SHA",
        // TLS 1.3: IANA (= OpenSSL), with dashes, and mbedTLS 3's spelling
        "TLS_AES_128_GCM_SHA256                      | TLS_AES_128_GCM_SHA256",
        "TLS_AES_256_GCM_SHA384                      | TLS_AES_256_GCM_SHA384",
        "TLS_CHACHA20_POLY1305_SHA256                | TLS_CHACHA20_POLY1305_SHA256",
        "TLS-AES-128-CCM-SHA256                      | TLS_AES_128_CCM_SHA256",
        "TLS1-3-AES-128-GCM-SHA256                   | TLS_AES_128_GCM_SHA256",
        "TLS1-3-CHACHA20-POLY1305-SHA256             | TLS_CHACHA20_POLY1305_SHA256",
        // OpenSSL names
        "ECDHE-RSA-AES128-GCM-SHA256                 | TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
        "ECDHE-RSA-AES256-GCM-SHA384                 | TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
        "ecdhe-ecdsa-aes128-gcm-sha256               | TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
        "ECDHE-ECDSA-AES128-CCM8                     | TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8",
        "ECDHE-ECDSA-CHACHA20-POLY1305               | TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256",
        "ECDHE-RSA-CHACHA20-POLY1305                 | TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
        "ECDHE-RSA-AES128-SHA                        | TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA",
        "ECDHE-RSA-AES256-SHA384                     | TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384",
        "DHE-RSA-AES256-GCM-SHA384                   | TLS_DHE_RSA_WITH_AES_256_GCM_SHA384",
        "EDH-RSA-DES-CBC3-SHA                        | TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA",
        "AES128-SHA                                  | TLS_RSA_WITH_AES_128_CBC_SHA",
        "AES256-SHA256                               | TLS_RSA_WITH_AES_256_CBC_SHA256",
        "AES128-GCM-SHA256                           | TLS_RSA_WITH_AES_128_GCM_SHA256",
        "DES-CBC3-SHA                                | TLS_RSA_WITH_3DES_EDE_CBC_SHA",
        "CAMELLIA128-SHA256                          | TLS_RSA_WITH_CAMELLIA_128_CBC_SHA256",
        "PSK-AES128-CBC-SHA256                       | TLS_PSK_WITH_AES_128_CBC_SHA256",
        "PSK-AES128-CBC-SHA                          | TLS_PSK_WITH_AES_128_CBC_SHA",
        "PSK-AES256-GCM-SHA384                       | TLS_PSK_WITH_AES_256_GCM_SHA384",
        "PSK-AES128-CCM                              | TLS_PSK_WITH_AES_128_CCM",
        "PSK-AES128-CCM8                             | TLS_PSK_WITH_AES_128_CCM_8",
        "PSK-CHACHA20-POLY1305                       | TLS_PSK_WITH_CHACHA20_POLY1305_SHA256",
        "ECDHE-PSK-CHACHA20-POLY1305                 | TLS_ECDHE_PSK_WITH_CHACHA20_POLY1305_SHA256",
        "ECDHE-PSK-AES128-CBC-SHA256                 | TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA256",
        "DHE-PSK-AES128-GCM-SHA256                   | TLS_DHE_PSK_WITH_AES_128_GCM_SHA256",
        "RSA-PSK-AES128-GCM-SHA256                   | TLS_RSA_PSK_WITH_AES_128_GCM_SHA256",
    })
    void nameIsTranslatedToIana(String name, String iana) {
        // given
        String text = name;

        // when
        List<String> resolved = CipherSuiteNames.resolve(text, SUPPORTED);

        // then
        assertThat(resolved).containsExactly(iana);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"ECDHE-RSA", "PSK", "RSA", "AES", "ECDHE-RSA-AES128-GCM-SHA256-EXTRA",
        "ECDHE-RSA-AES128-GCM-MD5", "ECDHE-RSA-RC4-SHA", "NULL-SHA"})
    void nameThatIsNoCipherSuiteHasNoTranslation(String name) {
        // given / when
        String iana = CipherSuiteNames.toIana(name);

        // then
        assertThat(iana).isNull();
    }

    // --- lists

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {
        "ECDHE-RSA-AES128-GCM-SHA256:TLS-PSK-WITH-AES-128-CBC-SHA256:TLS_AES_128_GCM_SHA256",
        "ECDHE-RSA-AES128-GCM-SHA256,TLS-PSK-WITH-AES-128-CBC-SHA256,TLS_AES_128_GCM_SHA256",
        "ECDHE-RSA-AES128-GCM-SHA256 TLS-PSK-WITH-AES-128-CBC-SHA256\tTLS_AES_128_GCM_SHA256",
        "ECDHE-RSA-AES128-GCM-SHA256, TLS-PSK-WITH-AES-128-CBC-SHA256 : TLS_AES_128_GCM_SHA256",
        "  ECDHE-RSA-AES128-GCM-SHA256::TLS-PSK-WITH-AES-128-CBC-SHA256,,TLS_AES_128_GCM_SHA256\n",
        ":ECDHE-RSA-AES128-GCM-SHA256:TLS-PSK-WITH-AES-128-CBC-SHA256:TLS_AES_128_GCM_SHA256:",
    })
    void listSeparatedByColonsCommasOrWhitespaceKeepsItsOrder(String text) {
        // given a list of three names in three spellings

        // when
        List<String> resolved = CipherSuiteNames.resolve(text, SUPPORTED);

        // then
        assertThat(resolved).containsExactly("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_PSK_WITH_AES_128_CBC_SHA256", "TLS_AES_128_GCM_SHA256");
    }

    @Test
    void duplicatesAreRemovedKeepingTheFirstPosition() {
        // given the same suites in different spellings
        String text = "AES128-SHA:TLS_AES_128_GCM_SHA256:TLS_RSA_WITH_AES_128_CBC_SHA:TLS-RSA-WITH-AES-128-CBC-SHA"
            + ":TLS1-3-AES-128-GCM-SHA256:aes128-sha";

        // when
        List<String> resolved = CipherSuiteNames.resolve(text, SUPPORTED);

        // then
        assertThat(resolved).containsExactly("TLS_RSA_WITH_AES_128_CBC_SHA", "TLS_AES_128_GCM_SHA256");
    }

    @Test
    void resolvedListIsImmutable() {
        // given / when
        List<String> resolved = CipherSuiteNames.resolve("AES128-SHA", SUPPORTED);

        // then
        assertThat(resolved).isUnmodifiable();
    }

    // --- errors

    @Test
    void unknownNameIsAnErrorNamingItAndTheSupportedSuites() {
        // given
        String text = "ECDHE-RSA-AES128-GCM-SHA256:NOT-A-SUITE";

        // when / then
        assertThatIllegalArgumentException().isThrownBy(() -> CipherSuiteNames.resolve(text, SUPPORTED))
            .withMessageContaining("unknown or unsupported cipher suite NOT-A-SUITE")
            .withMessageContaining("supported:")
            .withMessageContaining("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256")
            .withMessageContaining("TLS_PSK_WITH_AES_128_CBC_SHA256");
    }

    @Test
    void everyUnknownNameIsNamedAsWritten() {
        // given
        String text = "bogus-one, AES128-SHA, TLS_FOO_WITH_BAR";

        // when / then
        assertThatIllegalArgumentException().isThrownBy(() -> CipherSuiteNames.resolve(text, SUPPORTED))
            .withMessageContaining("cipher suites bogus-one, TLS_FOO_WITH_BAR;")
            .withMessageContaining("supported:");
    }

    @Test
    void knownButUnsupportedSuiteIsAnError() {
        // given a valid OpenSSL name whose suite the caller cannot offer
        List<String> pskOnly = List.of("TLS_PSK_WITH_AES_128_CBC_SHA256");

        // when / then
        assertThatIllegalArgumentException()
            .isThrownBy(() -> CipherSuiteNames.resolve("ECDHE-RSA-AES128-GCM-SHA256", pskOnly))
            .withMessageContaining("ECDHE-RSA-AES128-GCM-SHA256")
            .withMessageContaining("supported: TLS_PSK_WITH_AES_128_CBC_SHA256");
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(strings = {"", " ", ":", " , : "})
    void listWithoutAnyNameIsAnError(String text) {
        // given / when / then
        assertThatIllegalArgumentException().isThrownBy(() -> CipherSuiteNames.resolve(text, SUPPORTED))
            .withMessageContaining("no cipher suite");
    }

    // --- the PSK lists

    @Test
    void pskDefaultsAreAllSupportedPskSuites() {
        // given / when
        List<String> resolved = CipherSuiteNames.resolve(String.join(":", CipherSuites.PSK_DEFAULT),
            CipherSuites.PSK_SUPPORTED);

        // then
        assertThat(resolved).containsExactlyElementsOf(CipherSuites.PSK_DEFAULT);
    }

    @Test
    void pskSuitesAreNotAcceptedForCertificateTls() {
        // given
        List<String> pskSuites = new ArrayList<>(CipherSuites.PSK_SUPPORTED);
        pskSuites.removeIf(CipherSuites::isTls13);

        // when / then: the Java runtime's TLS offers no PSK suite
        assertThat(CipherSuites.jsseSupported()).doesNotContainAnyElementsOf(pskSuites);
    }
}
