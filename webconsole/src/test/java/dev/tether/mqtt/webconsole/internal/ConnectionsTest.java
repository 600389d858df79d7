package dev.tether.mqtt.webconsole.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ConnectionsTest {

    private final Connections connections = new Connections();

    @Test
    void listsDefaultFirstThenByName() {
        connections.add("zeta", TestService.connected("zeta"));
        connections.add("alpha", TestService.connected("alpha"));
        connections.add("default", TestService.connected("default"));
        connections.add("Beta", TestService.connected("Beta"));

        assertThat(connections.snapshot()).extracting(ConnectionSnapshot::name)
            .containsExactly("default", "Beta", "alpha", "zeta");
    }

    @Test
    void removesOnlyTheServiceThatWasUnbound() {
        TestService first = TestService.connected("plant");
        TestService second = TestService.connected("plant");
        connections.add("plant", first);
        connections.add("plant", second);

        connections.remove("plant", second);
        assertThat(connections.get("plant")).containsSame(first);

        connections.remove("plant", first);
        assertThat(connections.get("plant")).isEmpty();
        assertThat(connections.snapshot()).isEmpty();
    }

    @Test
    void aServiceThatWentAwayIsSnapshottedAsGone() {
        connections.add("default", TestService.connected("default").goAway());

        assertThat(connections.snapshot()).containsExactly(ConnectionSnapshot.gone("default"));
    }

    @Test
    void aSnapshotCarriesTheMetrics() {
        connections.add("default", TestService.connected("default"));

        assertThat(connections.snapshot()).singleElement().satisfies(snapshot -> {
            assertThat(snapshot.status()).isPresent();
            assertThat(snapshot.metrics()).get().extracting(metrics -> metrics.recentEvents().size()).isEqualTo(3);
        });
    }

    @Test
    void metricsThatCannotBeReadLeaveTheStatus() {
        connections.add("default", new TestService("default", () -> TestStatus.connected("default"), () -> {
            throw new IllegalStateException("no metrics here");
        }));

        assertThat(connections.snapshot()).singleElement().satisfies(snapshot -> {
            assertThat(snapshot.status()).isPresent();
            assertThat(snapshot.metrics()).isEmpty();
        });
    }
}
