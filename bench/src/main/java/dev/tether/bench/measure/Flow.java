package dev.tether.bench.measure;

/**
 * Which way the messages of a throughput run go through the client measured: both ends in the JVM, or only the
 * receiving or only the publishing end, the other native.
 */
public enum Flow {

    /** One publisher and one subscriber of the same client, as an application that talks to itself. */
    THROUGHPUT("throughput", "Throughput, end to end"),
    /** The client subscribed, fed by native publishers: its receive path alone. */
    RECEIVE("receive", "Receive"),
    /** The client publishing to a native subscriber: its publish path alone. */
    PUBLISH("publish", "Publish");

    private final String key;
    private final String title;

    Flow(String key, String title) {
        this.key = key;
        this.title = title;
    }

    /** @return the name in {@code --parts} and in the JSON results */
    public String key() {
        return key;
    }

    /** @return the heading in the Markdown report */
    public String title() {
        return title;
    }

    /** @return whether the case means something here: the file queue only holds what a client publishes */
    public boolean applies(BenchCase benchCase) {
        return this != RECEIVE || !benchCase.fileQueue();
    }

    public ThroughputSample run(Contender contender, BenchCase benchCase, int count, String runId) throws Exception {
        return switch (this) {
            case THROUGHPUT -> contender.throughput(benchCase, count, runId);
            case RECEIVE -> contender.receive(benchCase, count, runId);
            case PUBLISH -> contender.publish(benchCase, count, runId);
        };
    }
}
