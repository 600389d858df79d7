package dev.tether.mqtt.internal.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.tether.mqtt.SubscriptionOptions;
import dev.tether.mqtt.SubscriptionOptions.RetainHandling;

class BrokerSubscriptionsTest {

    private final BrokerSubscriptions broker = new BrokerSubscriptions();

    @Test
    void firstPlanSubscribesEveryFilter() {
        // given / when
        BrokerSubscriptions.Plan plan = broker.plan(wishes("a/#", 1, "b", 0));

        // then
        assertThat(plan.subscribe()).containsExactlyInAnyOrderEntriesOf(wishes("a/#", 1, "b", 0));
        assertThat(plan.unsubscribe()).isEmpty();
        assertThat(broker.size()).isEqualTo(2);
    }

    @Test
    void unchangedWishesPlanNothing() {
        // given
        broker.plan(wishes("a/#", 1, "b", 0));

        // when
        BrokerSubscriptions.Plan plan = broker.plan(wishes("a/#", 1, "b", 0));

        // then
        assertThat(plan.isEmpty()).isTrue();
    }

    @Test
    void newFilterIsSubscribedAlone() {
        // given
        broker.plan(wishes("a", 1));

        // when
        BrokerSubscriptions.Plan plan = broker.plan(wishes("a", 1, "b", 2));

        // then
        assertThat(plan.subscribe()).containsExactly(Map.entry("b", SubscriptionOptions.qos(2)));
        assertThat(plan.unsubscribe()).isEmpty();
    }

    @Test
    void higherQosSubscribesAgain() {
        // given
        broker.plan(wishes("a", 0));

        // when
        BrokerSubscriptions.Plan plan = broker.plan(wishes("a", 2));

        // then
        assertThat(plan.subscribe()).containsExactly(Map.entry("a", SubscriptionOptions.qos(2)));
    }

    @Test
    void lowerQosKeepsTheExistingSubscription() {
        // given
        broker.plan(wishes("a", 2));

        // when
        BrokerSubscriptions.Plan plan = broker.plan(wishes("a", 1));

        // then
        assertThat(plan.isEmpty()).isTrue();
    }

    @Test
    void removedFilterIsUnsubscribed() {
        // given
        broker.plan(wishes("a", 1, "b", 1));

        // when
        BrokerSubscriptions.Plan plan = broker.plan(wishes("b", 1));

        // then
        assertThat(plan.subscribe()).isEmpty();
        assertThat(plan.unsubscribe()).containsExactly("a");
        assertThat(broker.size()).isOne();
    }

    @Test
    void clearPlansEverythingAgain() {
        // given
        broker.plan(wishes("a", 1, "b", 0));
        broker.confirm("a", 1, 1);

        // when
        broker.clear();
        BrokerSubscriptions.Plan plan = broker.plan(wishes("a", 1, "b", 0));

        // then
        assertThat(plan.subscribe()).containsExactlyInAnyOrderEntriesOf(wishes("a", 1, "b", 0));
        assertThat(broker.isConfirmed("a", 0)).isFalse();
    }

    @Test
    void confirmedFilterIsConfirmedUpToTheAskedQos() {
        // given
        broker.plan(wishes("a", 1));

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
        broker.plan(wishes("a", 1));

        // when / then
        assertThat(broker.isConfirmed("a", 0)).isFalse();
    }

    @Test
    void confirmationOfAFilterNoLongerRequestedIsIgnored() {
        // given
        broker.plan(wishes("a", 1));
        broker.plan(wishes());

        // when
        broker.confirm("a", 1, 1);

        // then
        assertThat(broker.isConfirmed("a", 1)).isFalse();
    }

    @Test
    void unsubscribingDropsTheConfirmation() {
        // given
        broker.plan(wishes("a", 1));
        broker.confirm("a", 1, 1);

        // when
        broker.plan(wishes());
        broker.plan(wishes("a", 1));

        // then
        assertThat(broker.isConfirmed("a", 1)).isFalse();
    }

    @Test
    void rejectedFilterIsUnconfirmedAndNotAskedForAgainInTheSession() {
        // given
        broker.plan(wishes("a", 1));
        broker.confirm("a", 1, 1);

        // when
        broker.reject("a", 0x87);
        BrokerSubscriptions.Plan plan = broker.plan(wishes("a", 1));

        // then
        assertThat(broker.isConfirmed("a", 0)).isFalse();
        assertThat(plan.isEmpty()).isTrue();
    }

    @Test
    void rejectedFilterIsAskedForAgainInTheNextSession() {
        // given
        broker.plan(wishes("a", 1));
        broker.reject("a", 0x87);

        // when
        broker.clear();
        BrokerSubscriptions.Plan plan = broker.plan(wishes("a", 1));

        // then
        assertThat(plan.subscribe()).containsExactly(Map.entry("a", SubscriptionOptions.qos(1)));
    }

    @Test
    void rejectedFilterShowsItsCode() {
        // given
        broker.plan(wishes("a", 1));

        // when
        broker.reject("a", 0x87);

        // then
        assertThat(broker.refusal("a")).hasValue(0x87);
        assertThat(broker.granted("a")).isEmpty();
    }

    @Test
    void optionsAskingForMoreSubscribeAgainCombined() {
        // given
        broker.plan(Map.of("a", SubscriptionOptions.qos(1).withNoLocal(true)
            .withRetainHandling(RetainHandling.DO_NOT_SEND)));

        // when
        BrokerSubscriptions.Plan plan = broker.plan(Map.of("a", SubscriptionOptions.qos(0).withRetainAsPublished(true)
            .withRetainHandling(RetainHandling.DO_NOT_SEND)));

        // then: nobody gets less than asked: QoS 1 stays, No Local goes, Retain As Published comes
        assertThat(plan.subscribe()).containsExactly(Map.entry("a", new SubscriptionOptions(1, false, true,
            RetainHandling.DO_NOT_SEND)));
    }

    @Test
    void optionsAskingForLessKeepTheSubscription() {
        // given
        broker.plan(Map.of("a", new SubscriptionOptions(1, false, true, RetainHandling.SEND_ON_SUBSCRIBE)));

        // when
        BrokerSubscriptions.Plan plan = broker.plan(Map.of("a", SubscriptionOptions.qos(1).withNoLocal(true)
            .withRetainHandling(RetainHandling.SEND_IF_NEW_SUBSCRIPTION)));

        // then: subscribing again would send the retained messages to the listeners that stay
        assertThat(plan.isEmpty()).isTrue();
    }

    @Test
    void eachFilterKeepsItsIdentifierAcrossSessionsWhileWanted() {
        // given
        broker.plan(wishes("a", 1, "b", 0));
        int a = broker.identifier("a").getAsInt();
        int b = broker.identifier("b").getAsInt();

        // when
        broker.clear();
        broker.plan(wishes("a", 1, "b", 0));

        // then
        assertThat(a).isNotEqualTo(b).isPositive();
        assertThat(b).isPositive();
        assertThat(broker.identifier("a")).hasValue(a);
        assertThat(broker.identifier("b")).hasValue(b);
    }

    @Test
    void aFilterNoLongerWantedLosesItsIdentifier() {
        // given
        broker.plan(wishes("a", 1));

        // when
        broker.clear();
        broker.plan(wishes("b", 1));

        // then
        assertThat(broker.identifier("a")).isEmpty();
        assertThat(broker.identifier("b")).isPresent();
    }

    /** @return filter and QoS pairs as plain subscription options, in order */
    private static Map<String, SubscriptionOptions> wishes(Object... filterAndQos) {
        Map<String, SubscriptionOptions> wishes = new LinkedHashMap<>();
        for (int i = 0; i < filterAndQos.length; i += 2) {
            wishes.put((String) filterAndQos[i], SubscriptionOptions.qos((Integer) filterAndQos[i + 1]));
        }
        return wishes;
    }
}
