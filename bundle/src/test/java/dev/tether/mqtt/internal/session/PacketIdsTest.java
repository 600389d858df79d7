package dev.tether.mqtt.internal.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

/** The packet id table: never an id twice while in use [MQTT-2.3.1-2], and every id in use found again. */
class PacketIdsTest {

    @Test
    void randomAllocationsAndReleasesAgreeWithAMap() {
        // given a table and a plain map as the reference, and a seeded random walk over 200,000 steps that
        // grows and shrinks the number in use between 0 and about 1,500 (so the table grows and shrinks too)
        long seed = Long.getLong("packetIds.seed", 42L);
        Random random = new Random(seed);
        PacketIds table = new PacketIds();
        Map<Integer, Object> reference = new HashMap<>();
        List<Integer> inUse = new ArrayList<>();

        for (int step = 0; step < 200_000; step++) {
            int target = (step / 20_000) % 2 == 0 ? 1500 : 10;
            boolean allocate = inUse.isEmpty() || random.nextInt(2 * target) >= inUse.size();
            if (allocate) {
                // when an id is handed out
                Object value = new Object();
                int id = table.allocate(value);

                // then it was free, and it is in range
                assertThat(reference).as("seed %d, step %d: id %d handed out twice", seed, step, id)
                    .doesNotContainKey(id);
                assertThat(id).isBetween(1, PacketIds.MAX_ID);
                reference.put(id, value);
                inUse.add(id);
            } else {
                // when an id in use is released
                int id = inUse.remove(random.nextInt(inUse.size()));

                // then what it stood for comes back
                assertThat(table.release(id)).as("seed %d, step %d", seed, step).isSameAs(reference.remove(id));
            }
            if (step % 997 == 0) {
                // and every id in use is found
                for (Map.Entry<Integer, Object> entry : reference.entrySet()) {
                    assertThat(table.get(entry.getKey())).as("seed %d, step %d", seed, step)
                        .isSameAs(entry.getValue());
                }
                assertThat(table.size()).isEqualTo(reference.size());
            }
        }
    }

    @Test
    void releasingAnIdLeavesEveryOtherOneFindable() {
        // given ids that share home slots in the smallest table (16 slots): 5 and 21 and 37 want slot 5, 6 wants 6,
        // so they sit in one probe run 5, 21, 6, 37
        PacketIds table = new PacketIds();
        table.claim(5, "a");
        table.claim(21, "b");
        table.claim(6, "c");
        table.claim(37, "d");

        // when the first of the run is released
        table.release(5);

        // then the others are still found where a lookup looks
        assertThat(table.get(21)).isEqualTo("b");
        assertThat(table.get(6)).isEqualTo("c");
        assertThat(table.get(37)).isEqualTo("d");
    }

    @Test
    void randomClaimsAndReleasesOfCollidingIdsAgreeWithAMap() {
        // given ids claimed at random, so that many share home slots, and released at random
        long seed = Long.getLong("packetIds.seed", 7L);
        Random random = new Random(seed);
        PacketIds table = new PacketIds();
        Map<Integer, Object> reference = new HashMap<>();
        List<Integer> inUse = new ArrayList<>();
        for (int step = 0; step < 100_000; step++) {
            if (inUse.size() < 300 && (inUse.isEmpty() || random.nextBoolean())) {
                int id = 1 + random.nextInt(PacketIds.MAX_ID);
                if (!reference.containsKey(id)) {
                    Object value = new Object();
                    table.claim(id, value);
                    reference.put(id, value);
                    inUse.add(id);
                }
            } else {
                int id = inUse.remove(random.nextInt(inUse.size()));
                assertThat(table.release(id)).as("seed %d, step %d", seed, step).isSameAs(reference.remove(id));
            }
            // when looked up, then every id in use is found
            for (int id : inUse) {
                assertThat(table.get(id)).as("seed %d, step %d, id %d", seed, step, id).isSameAs(reference.get(id));
            }
        }
    }

    @Test
    void idsGoRoundFrom65535ToOneSkippingThoseInUse() {
        // given id 1 still in use while 65,534 others came and went
        PacketIds table = new PacketIds();
        Object kept = new Object();
        assertThat(table.allocate(kept)).isEqualTo(1);
        for (int id = 2; id <= PacketIds.MAX_ID; id++) {
            assertThat(table.allocate("m")).isEqualTo(id);
            table.release(id);
        }

        // when the ids wrap around, then 1 is skipped
        assertThat(table.allocate("next")).isEqualTo(2);
        assertThat(table.get(1)).isSameAs(kept);
    }

    @Test
    void aClaimedIdIsNotHandedOut() {
        // given a resumed session's message keeps id 3
        PacketIds table = new PacketIds();
        table.claim(3, "resent");

        // when three ids are handed out, then 3 is not among them
        assertThat(List.of(table.allocate("a"), table.allocate("b"), table.allocate("c"))).containsExactly(1, 2, 4);
        assertThat(table.get(3)).isEqualTo("resent");
    }

    @Test
    void allIdsInUseIsAnError() {
        PacketIds table = new PacketIds();
        for (int id = 1; id <= PacketIds.MAX_ID; id++) {
            table.allocate(id);
        }
        assertThatThrownBy(() -> table.allocate("one too many")).isInstanceOf(IllegalStateException.class);
        assertThat(table.clear()).hasSize(PacketIds.MAX_ID);
        assertThat(table.size()).isZero();
    }
}
