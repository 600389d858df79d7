package dev.tether.mqtt.internal.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A digest of the content of the TLS files, so that saving the same configuration after the files
 * were replaced counts as a change and reconnects with the new material.
 */
final class FileFingerprint {

    private FileFingerprint() {
    }

    static String of(List<Path> files) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
        for (Path file : files) {
            digest.update(file.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            try {
                digest.update(Files.readAllBytes(file));
            } catch (IOException | RuntimeException e) {
                // unreadable now: the connection attempt reports why; a later fix changes the digest
                digest.update((byte) 0);
            }
        }
        return HexFormat.of().formatHex(digest.digest());
    }
}
