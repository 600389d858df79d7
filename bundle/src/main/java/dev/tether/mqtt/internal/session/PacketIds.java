package dev.tether.mqtt.internal.session;

import java.util.ArrayList;
import java.util.List;

/**
 * The packet ids in use on one network connection, each with what it stands for (a message in flight, a
 * SUBSCRIBE waiting for its SUBACK). Ids are handed out in turn from 1 to 65,535 and never twice while in use
 * [MQTT-2.3.1-2]. Open addressing by the id's low bits: a table just larger than what is in flight, so an idle
 * connection keeps a few dozen bytes and a full in-flight window a few KiB. Thread safe.
 */
final class PacketIds {

    static final int MAX_ID = 65_535;
    private static final int INITIAL_SLOTS = 16;

    private int[] ids = new int[INITIAL_SLOTS];
    private Object[] values = new Object[INITIAL_SLOTS];
    private int size;
    private int next = 1;

    /**
     * @return a free id, now standing for {@code value}
     * @throws IllegalStateException when all 65,535 are in use
     */
    synchronized int allocate(Object value) {
        if (size == MAX_ID) {
            throw new IllegalStateException("all 65535 packet ids are in use");
        }
        growIfCrowded();
        while (true) {
            int id = next;
            next = id == MAX_ID ? 1 : id + 1;
            if (indexOf(id) < 0) {
                insert(id, value);
                return id;
            }
        }
    }

    /**
     * Takes a given id, as a message sent again in a resumed session keeps its id; replaces what it stood for.
     */
    synchronized void claim(int id, Object value) {
        int index = indexOf(id);
        if (index >= 0) {
            values[index] = value;
            return;
        }
        growIfCrowded();
        insert(id, value);
    }

    /** @return what the id stands for, or null when it is not in use */
    synchronized Object get(int id) {
        int index = indexOf(id);
        return index < 0 ? null : values[index];
    }

    /** @return what the id stood for, now free again, or null when it was not in use */
    synchronized Object release(int id) {
        int index = indexOf(id);
        if (index < 0) {
            return null;
        }
        Object value = values[index];
        ids[index] = 0;
        values[index] = null;
        size--;
        closeGap(index);
        if (size * 8 < ids.length && ids.length > INITIAL_SLOTS) {
            // a burst is over: give the memory back
            resize(ids.length / 2);
        }
        return value;
    }

    /**
     * Moves later entries of the probe run into the emptied slot where they belong, so that a lookup, which stops
     * at the first empty slot, still finds every entry (deletion by backward shift, Knuth's Algorithm R).
     */
    private void closeGap(int emptied) {
        int mask = ids.length - 1;
        int gap = emptied;
        for (int i = (gap + 1) & mask; ids[i] != 0; i = (i + 1) & mask) {
            int home = slot(ids[i]);
            boolean homeBetweenGapAndHere = gap <= i ? gap < home && home <= i : gap < home || home <= i;
            if (!homeBetweenGapAndHere) {
                ids[gap] = ids[i];
                values[gap] = values[i];
                ids[i] = 0;
                values[i] = null;
                gap = i;
            }
        }
    }

    /** @return what every id in use stands for, and frees them all */
    synchronized List<Object> clear() {
        List<Object> all = new ArrayList<>(size);
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] != 0) {
                all.add(values[i]);
            }
        }
        ids = new int[INITIAL_SLOTS];
        values = new Object[INITIAL_SLOTS];
        size = 0;
        return all;
    }

    synchronized int size() {
        return size;
    }

    private int slot(int id) {
        return id & ids.length - 1;
    }

    private int indexOf(int id) {
        int mask = ids.length - 1;
        for (int i = slot(id); ids[i] != 0; i = (i + 1) & mask) {
            if (ids[i] == id) {
                return i;
            }
        }
        return -1;
    }

    private void insert(int id, Object value) {
        int mask = ids.length - 1;
        int i = slot(id);
        while (ids[i] != 0) {
            i = (i + 1) & mask;
        }
        ids[i] = id;
        values[i] = value;
        size++;
    }

    private void growIfCrowded() {
        if ((size + 1) * 2 > ids.length) {
            grow();
        }
    }

    private void grow() {
        resize(ids.length * 2);
    }

    private void resize(int slots) {
        int[] oldIds = ids;
        Object[] oldValues = values;
        ids = new int[slots];
        values = new Object[slots];
        size = 0;
        for (int i = 0; i < oldIds.length; i++) {
            if (oldIds[i] != 0) {
                insert(oldIds[i], oldValues[i]);
            }
        }
    }
}
