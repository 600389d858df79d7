package dev.tether.mqtt.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class BrokerSubscriptionsTest {

    private final BrokerSubscriptions broker = new BrokerSubscriptions();

    @Test
    void firstPlanSubscribesEveryFilter() {
        // given / when
        BrokerSubscriptions.Plan plan = broker.plan(Map.of("a/#", 1, "b", 0));

        // then
        assertThat(plan.subscribe()).containsExactlyInAnyOrderEntriesOf(Map.of("a/#", 1, "b", 0));
        assertThat(plan.unsubscribe()).isEmpty();
        assertThat(broker.size()).isEqualTo(2);
    }

    @Test
    void unchangedWishesPlanNothing() {
        // given
        broker.plan(Map.of("a/#", 1, "b", 0));

        // when
        BrokerSubscriptions.Plan plan = broker.plan(Map.of("a/#", 1, "b", 0));

        // then
        assertThat(plan.isEmpty()).isTrue();
    }

    @Test
    void newFilterIsSubscribedAlone() {
        // given
        broker.plan(Map.of("a", 1));

        // when
        BrokerSubscriptions.Plan plan = broker.plan(Map.of("a", 1, "b", 2));

        // then
        assertThat(plan.subscribe()).containsExactly(Map.entry("b", 2));
        assertThat(plan.unsubscribe()).isEmpty();
    }

    @Test
    void higherQosSubscribesAgain() {
        // given
        broker.plan(Map.of("a", 0));

        // when
        BrokerSubscriptions.Plan plan = broker.plan(Map.of("a", 2));

        // then
        assertThat(plan.subscribe()).containsExactly(Map.entry("a", 2));
    }

    @Test
    void lowerQosKeepsTheExistingSubscription() {
        // given
        broker.plan(Map.of("a", 2));

        // when
        BrokerSubscriptions.Plan plan = broker.plan(Map.of("a", 1));

        // then
        assertThat(plan.isEmpty()).isTrue();
    }

    @Test
    void removedFilterIsUnsubscribed() {
        // given
        broker.plan(Map.of("a", 1, "b", 1));

        // when
        BrokerSubscriptions.Plan plan = broker.plan(Map.of("b", 1));

        // then
        assertThat(plan.subscribe()).isEmpty();
        assertThat(plan.unsubscribe()).containsExactly("a");
        assertThat(broker.size()).isOne();
    }

    @Test
    void clearPlansEverythingAgain() {
        // given
        broker.plan(Map.of("a", 1, "b", 0));
        broker.confirm("a", 1, 1);

        // when
        broker.clear();
        BrokerSubscriptions.Plan plan = broker.plan(Map.of("a", 1, "b", 0));

        // then
        assertThat(plan.subscribe()).containsExactlyInAnyOrderEntriesOf(Map.of("a", 1, "b", 0));
        assertThat(broker.isConfirmed("a", 0)).isFalse();
    }

    @Test
    void confirmedFilterIsConfirmedUpToTheAskedQos() {
        // given
        broker.plan(Map.of("a", 1));

        // when
        broker.confirm("a", 1, 1);

        // then
        assertThat(broker.isConfirmed("a", 0)).isTrue();
        assertThat(broker.isConfirmed("a", 1)).isTrue();
        assertThat(broker.isConfirmed("a", 2)).isFalse();
    }

    @Test
    void unconfirmedFilterIsNotConfirmed() {
        // given
        broker.plan(Map.of("a", 1));

        // when / then
        assertThat(broker.isConfirmed("a", 0)).isFalse();
    }

    @Test
    void confirmationOfAFilterNoLongerRequestedIsIgnored() {
        // given
        broker.plan(Map.of("a", 1));
        broker.plan(Map.of());

        // when
        broker.confirm("a", 1, 1);

        // then
        assertThat(broker.isConfirmed("a", 1)).isFalse();
    }

    @Test
    void unsubscribingDropsTheConfirmation() {
        // given
        broker.plan(Map.of("a", 1));
        broker.confirm("a", 1, 1);

        // when
        broker.plan(Map.of());
        broker.plan(Map.of("a", 1));

        // then
        assertThat(broker.isConfirmed("a", 1)).isFalse();
    }

    @Test
    void rejectedFilterIsUnconfirmedAndNotAskedForAgainInTheSession() {
        // given
        broker.plan(Map.of("a", 1));
        broker.confirm("a", 1, 1);

        // when
        broker.reject("a");
        BrokerSubscriptions.Plan plan = broker.plan(Map.of("a", 1));

        // then
        assertThat(broker.isConfirmed("a", 0)).isFalse();
        assertThat(plan.isEmpty()).isTrue();
    }

    @Test
    void rejectedFilterIsAskedForAgainInTheNextSession() {
        // given
        broker.plan(Map.of("a", 1));
        broker.reject("a");

        // when
        broker.clear();
        BrokerSubscriptions.Plan plan = broker.plan(Map.of("a", 1));

        // then
        assertThat(plan.subscribe()).containsExactly(Map.entry("a", 1));
    }
}
