package dev.tether.mqtt.internal.connection;

import java.nio.charset.StandardCharsets;

import javax.net.SocketFactory;

import org.eclipse.paho.client.mqttv3.IMqttActionListener;
import org.eclipse.paho.client.mqttv3.IMqttToken;
import org.eclipse.paho.client.mqttv3.MqttAsyncClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.MqttPingSender;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;

import dev.tether.mqtt.internal.config.ConnectionSettings;
import dev.tether.mqtt.internal.config.PskSettings;
import dev.tether.mqtt.internal.config.ServerAddress;
import dev.tether.mqtt.internal.config.TlsSettings;
import dev.tether.mqtt.internal.transport.ConnectFailures;
import dev.tether.mqtt.internal.transport.TransportException;

/** How Tether drives Paho: one fresh client per connection attempt, Paho's own reconnect off. */
final class PahoClients {

    /** Most QoS 1/2 messages sent and not yet acknowledged; Paho's default of 10 throttles a gateway. */
    static final int MAX_INFLIGHT = 1000;
    static final int CONNECT_TIMEOUT_SECONDS = 30;
    /**
     * How long to wait after DISCONNECT before closing the socket. Paho's token for it only completes
     * when the broker closes the connection (Moquette takes about a second); the packet itself is
     * written within microseconds, and waiting for the broker's close serves nothing.
     */
    private static final long DISCONNECT_TIMEOUT_MILLIS = 200;

    private PahoClients() {
    }

    /** @param server the server of this attempt: the configured one or the backup */
    static MqttAsyncClient create(ConnectionSettings settings, ServerAddress server, MqttPingSender pingSender)
            throws MqttException {
        // a fresh client per attempt: no state of a failed session leaks into the next one
        return new MqttAsyncClient(pahoUri(settings, server), settings.clientId(), new MemoryPersistence(),
            pingSender);
    }

    /** TLS-PSK runs inside the socket: Paho must see tcp://, or it insists on an SSLSocketFactory. */
    private static String pahoUri(ConnectionSettings settings, ServerAddress server) {
        return settings.security() instanceof PskSettings ? "tcp://" + server.authority() : server.uri();
    }

    /** @param socketFactory the attempt's socket factory (see {@link SecureTransports}) */
    static MqttConnectOptions options(ConnectionSettings settings, SocketFactory socketFactory) {
        MqttConnectOptions options = new MqttConnectOptions();
        // 3.1.1 explicitly: otherwise Paho retries every failed connect once with 3.1
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setAutomaticReconnect(false);
        options.setCleanSession(settings.cleanSession());
        options.setKeepAliveInterval(settings.keepAliveSeconds());
        options.setConnectionTimeout(CONNECT_TIMEOUT_SECONDS);
        options.setMaxInflight(MAX_INFLIGHT);
        if (socketFactory != null) {
            options.setSocketFactory(socketFactory);
            options.setHttpsHostnameVerificationEnabled(true);
        }
        if (!settings.user().isEmpty()) {
            options.setUserName(settings.user());
            options.setPassword(settings.password().reveal());
        }
        settings.will().ifPresent(will -> options.setWill(will.topic(),
            will.message().getBytes(StandardCharsets.UTF_8), will.qos(), will.retain()));
        return options;
    }

    /** Ends a client: sends DISCONNECT when asked (so the broker drops the will), then frees its threads. */
    static void dispose(MqttAsyncClient client, boolean graceful) {
        try {
            if (client.isConnected()) {
                client.disconnectForcibly(0, DISCONNECT_TIMEOUT_MILLIS, graceful);
            }
        } catch (MqttException | RuntimeException e) {
            // the client is closed below either way
        }
        try {
            client.close(true);
        } catch (MqttException | RuntimeException e) {
            // nothing more can be freed
        }
    }

    /** @return whether the failure means the connection is gone (the message may be sent again) */
    static boolean isConnectionLoss(Throwable error) {
        if (!(error instanceof MqttException e)) {
            return false;
        }
        return switch (e.getReasonCode()) {
            case MqttException.REASON_CODE_CONNECTION_LOST, MqttException.REASON_CODE_CLIENT_NOT_CONNECTED,
                MqttException.REASON_CODE_CLIENT_CLOSED, MqttException.REASON_CODE_CLIENT_DISCONNECTING,
                MqttException.REASON_CODE_CLIENT_ALREADY_DISCONNECTED -> true;
            default -> false;
        };
    }

    /** @return whether the broker refused the client's credentials or identity (CONNACK 2, 4 or 5) */
    static boolean isRejectedCredentials(Throwable error) {
        if (!(error instanceof MqttException e)) {
            return false;
        }
        return switch (e.getReasonCode()) {
            case MqttException.REASON_CODE_INVALID_CLIENT_ID, MqttException.REASON_CODE_FAILED_AUTHENTICATION,
                MqttException.REASON_CODE_NOT_AUTHORIZED -> true;
            default -> false;
        };
    }

    /** @return a one-line reason for a person: the TLS problem if there is one, else Paho's with its cause */
    static String describe(Throwable error, ConnectionSettings settings, ServerAddress server) {
        if (error instanceof TransportException) {
            return error.getMessage();
        }
        if (isRejectedCredentials(error)) {
            return "the broker refused the client (" + error.getMessage() + "); check user, pass and client_id."
                + " Retried every reconnect_timeout_max seconds";
        }
        String trusted = settings.security() instanceof TlsSettings tls && tls.caFile().isPresent()
            ? "ssl_ca_cert '" + tls.caFile().get() + "'" : "the Java runtime's trust store (ssl_ca_cert=system)";
        return ConnectFailures.describe(error, server.host(), trusted).orElseGet(() -> describe(error));
    }

    /** @return a one-line reason for a person, with the root cause Paho wraps */
    static String describe(Throwable error) {
        if (error == null) {
            return "unknown cause";
        }
        String message = error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage();
        Throwable cause = error.getCause();
        if (cause != null && cause != error) {
            String causeText = cause.getMessage() == null ? cause.getClass().getSimpleName()
                : cause.getClass().getSimpleName() + ": " + cause.getMessage();
            return message + " (" + causeText + ")";
        }
        return message;
    }

    /** Adapts two lambdas to Paho's callback interface. */
    static IMqttActionListener listener(java.util.function.Consumer<IMqttToken> onSuccess,
            java.util.function.BiConsumer<IMqttToken, Throwable> onFailure) {
        return new IMqttActionListener() {
            @Override
            public void onSuccess(IMqttToken token) {
                onSuccess.accept(token);
            }

            @Override
            public void onFailure(IMqttToken token, Throwable error) {
                onFailure.accept(token, error);
            }
        };
    }
}
