package dev.tether.mqtt.internal.session;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * The transport's input, telling keep-alive of every read that brought bytes: a large message arriving slowly is
 * a broker that is there, not a silent one, even while no whole packet has arrived for longer than keep-alive.
 */
final class ActivityInputStream extends FilterInputStream {

    private final Runnable onBytes;

    ActivityInputStream(InputStream in, Runnable onBytes) {
        super(in);
        this.onBytes = onBytes;
    }

    @Override
    public int read() throws IOException {
        int value = super.read();
        if (value >= 0) {
            onBytes.run();
        }
        return value;
    }

    @Override
    public int read(byte[] bytes, int offset, int length) throws IOException {
        int count = in.read(bytes, offset, length);
        if (count > 0) {
            onBytes.run();
        }
        return count;
    }
}
