package dev.tether.mqtt.internal.connection;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.tether.mqtt.MqttMessage;
import dev.tether.mqtt.MqttMessageListener;
import dev.tether.mqtt.MqttServiceException;
import dev.tether.mqtt.MqttServiceException.Reason;
import dev.tether.mqtt.MqttSubscription;
import dev.tether.mqtt.OutgoingMessage;

/**
 * MQTT 5 request/response for one connection (MQTT 5.0, 4.10): every request carries this connection's response
 * topic and a correlation data of its own, and one subscription to that topic serves them all. The response topic
 * is decided at the first request: below the broker's Response Information when it gave one, else
 * {@code tether/response/<client id>}. Thread safe.
 */
final class Requests implements AutoCloseable {

    private static final int CORRELATION_BYTES = 16;

    private final Function<OutgoingMessage, CompletionStage<Void>> publisher;
    private final BiFunction<String, MqttMessageListener, MqttSubscription> subscriber;
    private final Supplier<String> responseTopicNow;
    private final Supplier<Optional<String>> protocolInUse;
    private final ScheduledExecutorService timer;
    private final Executor completer;
    private final Map<ByteBuffer, CompletableFuture<MqttMessage>> pending = new ConcurrentHashMap<>();
    /** Random per connection, so a response to an earlier run's request is never taken for a current one. */
    private final long prefix = new SecureRandom().nextLong();
    private final AtomicLong sequence = new AtomicLong();
    private volatile boolean closed;
    /** The response topic's subscription, once the first request made it. Guarded by this. */
    private MqttSubscription subscription;

    /**
     * @param publisher        publishes a message through the connection
     * @param subscriber       subscribes a listener to one filter at QoS 1
     * @param responseTopicNow the response topic to use from now on (asked once, at the first request)
     * @param protocolInUse    the MQTT version of the current session ("5", "3.1.1"), empty while not connected
     * @param timer            schedules the timeouts
     * @param completer        completes the requests' stages, never on the network or timer thread
     */
    Requests(Function<OutgoingMessage, CompletionStage<Void>> publisher,
            BiFunction<String, MqttMessageListener, MqttSubscription> subscriber, Supplier<String> responseTopicNow,
            Supplier<Optional<String>> protocolInUse, ScheduledExecutorService timer, Executor completer) {
        this.publisher = publisher;
        this.subscriber = subscriber;
        this.responseTopicNow = responseTopicNow;
        this.protocolInUse = protocolInUse;
        this.timer = timer;
        this.completer = completer;
    }

    CompletionStage<MqttMessage> request(OutgoingMessage request, Duration timeout) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout " + timeout + " is not positive");
        }
        if (request.properties().responseTopic().isPresent()) {
            throw new IllegalArgumentException("a request gets this connection's response topic; it must not have"
                + " one (" + request.properties().responseTopic().get() + ")");
        }
        if (closed) {
            return CompletableFuture.failedFuture(new MqttServiceException(Reason.CLOSED, "the connection is closed"));
        }
        if (protocolInUse.get().filter("3.1.1"::equals).isPresent()) {
            return CompletableFuture.failedFuture(new MqttServiceException(Reason.NOT_SUPPORTED, "request/response"
                + " needs MQTT 5 (a response topic and correlation data travel as properties); this connection"
                + " speaks MQTT 3.1.1"));
        }
        byte[] correlation = request.properties().correlationData().orElseGet(this::nextCorrelation);
        ByteBuffer key = ByteBuffer.wrap(correlation);
        CompletableFuture<MqttMessage> response = new CompletableFuture<>();
        if (pending.putIfAbsent(key, response) != null) {
            throw new IllegalArgumentException("a request with the same correlation data is still waiting");
        }
        ScheduledFuture<?> expiry = timer.schedule(() -> completer.execute(() -> expire(key, request, timeout)),
            timeout.toNanos(), TimeUnit.NANOSECONDS);
        response.whenComplete((message, error) -> expiry.cancel(false));
        MqttSubscription responses = responseSubscription();
        OutgoingMessage sent = OutgoingMessage.to(request.topic()).payload(request.payload()).qos(request.qos())
            .retain(request.retain()).properties(request.properties().toBuilder()
                .responseTopic(responses.topicFilter()).correlationData(correlation).build())
            .build();
        responses.acknowledged()
            .thenCompose(subscribed -> publisher.apply(sent))
            .whenComplete((published, error) -> {
                if (error != null && pending.remove(key, response)) {
                    Throwable cause = error instanceof CompletionException ? error.getCause()
                        : error;
                    completer.execute(() -> response.completeExceptionally(cause));
                }
            });
        return response.minimalCompletionStage();
    }

    private synchronized MqttSubscription responseSubscription() {
        if (subscription == null) {
            subscription = subscriber.apply(responseTopicNow.get(), this::responseArrived);
        }
        return subscription;
    }

    private byte[] nextCorrelation() {
        return ByteBuffer.allocate(CORRELATION_BYTES).putLong(prefix).putLong(sequence.incrementAndGet()).array();
    }

    /** Called on the response subscription's delivery thread. */
    private void responseArrived(MqttMessage message) {
        message.properties().correlationData().ifPresent(correlation -> {
            CompletableFuture<MqttMessage> response = pending.remove(ByteBuffer.wrap(correlation));
            if (response != null) {
                completer.execute(() -> response.complete(message));
            }
        });
    }

    private void expire(ByteBuffer key, OutgoingMessage request, Duration timeout) {
        CompletableFuture<MqttMessage> response = pending.remove(key);
        if (response != null) {
            response.completeExceptionally(new MqttServiceException(Reason.TIMEOUT, "no response to the request on "
                + request.topic() + " within " + timeout.toMillis() + " ms"));
        }
    }

    /** @return requests waiting for their response */
    int waiting() {
        return pending.size();
    }

    @Override
    public void close() {
        closed = true;
        MqttServiceException shutDown = new MqttServiceException(Reason.CLOSED,
            "the connection was shut down before the response came");
        pending.keySet().forEach(key -> {
            CompletableFuture<MqttMessage> response = pending.remove(key);
            if (response != null) {
                response.completeExceptionally(shutDown);
            }
        });
        synchronized (this) {
            if (subscription != null) {
                subscription.close();
            }
        }
    }
}
