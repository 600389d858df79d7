package dev.tether.bench.client;

/** Makes connections of one client library to the benchmark's broker. */
public interface MqttDriver {

    /** @return the column heading, e.g. "raw Paho" */
    String name();

    /** @return the key in the JSON results, e.g. "paho" */
    String key();

    /**
     * @param clientId the MQTT client id, unique per connection
     * @return a connected client
     */
    BenchClient connect(String clientId) throws Exception;
}
