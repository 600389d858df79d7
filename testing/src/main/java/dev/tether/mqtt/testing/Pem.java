package dev.tether.mqtt.testing;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.util.io.pem.PemObjectGenerator;

/** Writes certificates and keys to PEM files. */
final class Pem {

    private Pem() {
    }

    /**
     * Writes the objects, one PEM block each, replacing the file if it exists.
     *
     * @param objects certificates, or {@link PemObjectGenerator}s for keys
     * @return {@code file}
     */
    static Path write(Path file, Object... objects) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.US_ASCII);
             JcaPEMWriter pem = new JcaPEMWriter(out)) {
            for (Object object : objects) {
                if (object instanceof PemObjectGenerator) {
                    pem.writeObject((PemObjectGenerator) object);
                } else {
                    pem.writeObject(object);
                }
            }
        }
        return file;
    }
}
