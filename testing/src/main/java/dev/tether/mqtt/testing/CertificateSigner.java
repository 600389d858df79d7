package dev.tether.mqtt.testing;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Signs X.509 v3 certificates with one issuer's key: a CA's own certificate first, then those it issues. */
final class CertificateSigner {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final X500Name issuer;
    private final KeyPair issuerKeys;
    private final KeyType issuerKeyType;
    private final JcaX509ExtensionUtils extensionUtils;

    CertificateSigner(String issuerCommonName, KeyPair issuerKeys, KeyType issuerKeyType) {
        this.issuer = commonName(issuerCommonName);
        this.issuerKeys = issuerKeys;
        this.issuerKeyType = issuerKeyType;
        try {
            this.extensionUtils = new JcaX509ExtensionUtils();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-1 for key identifiers is missing", e);
        }
    }

    /**
     * @param subjectCommonName the CN of the subject
     * @param subjectKey        the public key to certify
     * @param extensions        extensions beyond the key identifiers, which are always added
     * @return the signed certificate
     */
    X509Certificate sign(String subjectCommonName, PublicKey subjectKey, Instant notBefore, Instant notAfter,
                         Extension... extensions) {
        try {
            // positive and 127 bits: unique enough that no two test certificates collide in a trust store
            BigInteger serial = new BigInteger(127, RANDOM);
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer, serial, Date.from(notBefore),
                Date.from(notAfter), commonName(subjectCommonName), subjectKey)
                .addExtension(Extension.subjectKeyIdentifier, false,
                    extensionUtils.createSubjectKeyIdentifier(subjectKey))
                .addExtension(Extension.authorityKeyIdentifier, false,
                    extensionUtils.createAuthorityKeyIdentifier(issuerKeys.getPublic()));
            for (Extension extension : extensions) {
                builder.addExtension(extension);
            }
            ContentSigner signer = new JcaContentSignerBuilder(issuerKeyType.signatureAlgorithm())
                .setProvider(BouncyCastle.PROVIDER).build(issuerKeys.getPrivate());
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (CertIOException | OperatorCreationException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot sign a certificate for " + subjectCommonName, e);
        }
    }

    private static X500Name commonName(String name) {
        return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, name).build();
    }
}
