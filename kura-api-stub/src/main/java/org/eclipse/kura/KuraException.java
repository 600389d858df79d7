package org.eclipse.kura;

/**
 * Stand-in for Kura's checked exception, which {@code CryptoService} declares. Kura's own class carries an
 * error code; nothing Tether ships refers to this type (its bundle catches {@link Exception}), so only the
 * name matters here.
 */
public class KuraException extends Exception {

    private static final long serialVersionUID = 1L;

    /** @param message what went wrong */
    public KuraException(String message) {
        super(message);
    }

    /**
     * @param message what went wrong
     * @param cause   the underlying failure
     */
    public KuraException(String message, Throwable cause) {
        super(message, cause);
    }
}
