package dev.tether.mqtt.internal.transport;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/** Reads the PEM files the configuration names, with errors that name the property and the path. */
final class PemFiles {

    private PemFiles() {
    }

    /** @return the file's content; a missing or unreadable file is a {@link TransportException} */
    static byte[] read(String property, Path file) throws TransportException {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new TransportException(property + " '" + file + "': file not found");
        } catch (AccessDeniedException e) {
            throw new TransportException(property + " '" + file + "': cannot be read (permission denied)");
        } catch (IOException e) {
            throw new TransportException(property + " '" + file + "': cannot be read (" + e.getMessage() + ")");
        }
    }

    /** @return every certificate in the file, in order; at least one */
    static List<X509Certificate> certificates(String property, Path file) throws TransportException {
        byte[] content = read(property, file);
        if (!new String(content, StandardCharsets.US_ASCII).contains("-----BEGIN CERTIFICATE-----")) {
            throw new TransportException(property + " '" + file + "': not a PEM certificate file"
                + " (no -----BEGIN CERTIFICATE----- block)");
        }
        try {
            List<X509Certificate> certificates = new ArrayList<>();
            for (var certificate : CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(content))) {
                certificates.add((X509Certificate) certificate);
            }
            return certificates;
        } catch (CertificateException e) {
            throw new TransportException(property + " '" + file + "': not a valid PEM certificate file ("
                + e.getMessage() + ")");
        }
    }
}
